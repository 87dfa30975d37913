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

package dev.dispatch.autoconfigure;

import java.security.Principal;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * An application of the secured tests, secured by Spring Security: one user, named by the
 * {@code app.user} property ({@code alice} unless set), with the password {@code secret};
 * {@code /secret} behind a login form, answered with {@code app.name}; every other path
 * open.
 *
 * @author Dispatch contributors
 */
@Configuration(proxyBeanMethods = false)
@EnableAutoConfiguration
@Import(SecuredApplication.SecretController.class)
class SecuredApplication {

	@Bean
	SecurityFilterChain securityFilterChain(HttpSecurity http) throws Exception {
		http.authorizeHttpRequests(
				(requests) -> requests.requestMatchers("/secret").authenticated().anyRequest().permitAll());
		http.formLogin(Customizer.withDefaults());
		http.csrf((csrf) -> csrf.disable());
		return http.build();
	}

	@Bean
	UserDetailsService userDetailsService(@Value("${app.user:alice}") String user) {
		return new InMemoryUserDetailsManager(User.withUsername(user).password("{noop}secret").build());
	}

	@RestController
	static class SecretController {

		@GetMapping("/secret")
		String secret(@Value("${app.name}") String app, Principal user) {
			return app + "'s secret for " + user.getName();
		}

	}

}
