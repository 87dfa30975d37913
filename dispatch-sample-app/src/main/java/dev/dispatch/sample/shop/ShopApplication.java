/*
 * Copyright 2026-present the original author or authors.
 *
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at
 *
 *      https://www.apache.org/licenses/LICENSE-2.0
 *
 * Unless required by applicable law or agreed to in writing, software
 * distributed under the License is distributed on an "AS IS" BASIS,
 * WITHOUT WARRANTIES OR CONDITIONS OF ANY KIND, either express or implied.
 * See the License for the specific language governing permissions and
 * limitations under the License.
 */

package dev.dispatch.sample.shop;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;

/**
 * The template of the tenants: one instance per shop, on a subdomain
 * ({@code acme.localhost:8080}) or under a path ({@code localhost:8080/shops/initech/}),
 * each started on its first request with its own configuration.
 * <p>
 * Each shop has its own login (its customer is {@code spring.security.user.*} of the
 * group's properties); the login is kept in the default application's session, so it
 * survives a move of the shop to another instance in a cluster. A shop keeps no data, so
 * it leaves out the embedded database that H2 on the shared class path would give it.
 *
 * @author Dispatch contributors
 */
@SpringBootApplication(exclude = DataSourceAutoConfiguration.class)
public class ShopApplication {

	@Bean
	SecurityFilterChain shopSecurity(HttpSecurity http) {
		return http
			.authorizeHttpRequests(
					(requests) -> requests.requestMatchers("/account").authenticated().anyRequest().permitAll())
			.formLogin(Customizer.withDefaults())
			.build();
	}

}
