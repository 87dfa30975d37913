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

package dev.dispatch.sample.home;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.security.autoconfigure.SecurityAutoConfiguration;
import org.springframework.boot.security.autoconfigure.UserDetailsServiceAutoConfiguration;
import org.springframework.boot.security.autoconfigure.actuate.web.servlet.ManagementWebSecurityAutoConfiguration;
import org.springframework.boot.security.autoconfigure.web.servlet.SecurityFilterAutoConfiguration;
import org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration;

/**
 * The default application: it serves {@code /} and every path that no mounted application
 * claims. The mounted applications live in sibling packages, out of reach of this
 * application's component scan.
 * <p>
 * It keeps every application's sessions with Spring Session JDBC: in an in-memory H2
 * database when run on its own, in PostgreSQL with the {@code cluster} profile, where a
 * session outlives the instance that created it. It leaves security to the shops: with
 * Spring Security on the class path, Spring Boot would otherwise guard every path with a
 * generated password, and its filters run before the dispatch filter.
 *
 * @author Dispatch contributors
 */
@SpringBootApplication(exclude = { SecurityAutoConfiguration.class, UserDetailsServiceAutoConfiguration.class,
		SecurityFilterAutoConfiguration.class, ServletWebSecurityAutoConfiguration.class,
		ManagementWebSecurityAutoConfiguration.class })
public class SampleApplication {

	public static void main(String[] args) {
		SpringApplication.run(SampleApplication.class, args);
	}

}
