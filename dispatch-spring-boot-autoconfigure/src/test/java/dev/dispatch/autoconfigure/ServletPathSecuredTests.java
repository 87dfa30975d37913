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

import java.net.http.HttpResponse;

import org.junit.jupiter.api.Test;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
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

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A mount whose DispatcherServlet is under {@code spring.mvc.servlet.path}, with a Spring
 * Security rule that Boot builds under the same path: what its DispatcherServlet serves
 * is what its security guards, on a real server.
 *
 * @author Dispatch contributors
 */
@SpringBootTest(classes = ServletPathSecuredTests.DefaultApp.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = {
				"spring.autoconfigure.exclude=" + AuthenticationIsolationSecuredTests.SECURITY_AUTO_CONFIGURATIONS,
				"dispatch.mounts.mount.path=/mount",
				"dispatch.mounts.mount.sources=dev.dispatch.autoconfigure.ServletPathSecuredTests$AdminApp",
				"dispatch.mounts.mount.properties.spring.mvc.servlet.path=/mvc" })
class ServletPathSecuredTests {

	@LocalServerPort
	private int port;

	@Test
	void pathOutsideTheServletPathIsNotServedAroundTheSecurityRule() {
		assertThat(TestRequests.get(this.port, "/mount/admin/secret").statusCode()).isEqualTo(404);
		assertThat(get("/mount/admin/secret", "bob").statusCode()).isEqualTo(404);
	}

	@Test
	void securityRuleGuardsThePathUnderTheServletPath() {
		assertThat(TestRequests.get(this.port, "/mount/mvc/admin/secret").statusCode()).isEqualTo(401);
		assertThat(get("/mount/mvc/admin/secret", "bob").statusCode()).isEqualTo(403);
		HttpResponse<String> admin = get("/mount/mvc/admin/secret", "admin");
		assertThat(admin.statusCode()).isEqualTo(200);
		assertThat(admin.body()).isEqualTo("the admin's secret");
		assertThat(TestRequests.get(this.port, "/mount/mvc/public").body()).isEqualTo("public");
	}

	private HttpResponse<String> get(String path, String user) {
		return TestRequests.get(this.port, path, "Authorization", TestRequests.basic(user));
	}

	@SpringBootConfiguration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	static class DefaultApp {

	}

	@Configuration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	@Import(AdminController.class)
	static class AdminApp {

		@Bean
		SecurityFilterChain securityFilterChain(HttpSecurity http) throws Exception {
			http.authorizeHttpRequests(
					(requests) -> requests.requestMatchers("/admin/**").hasRole("ADMIN").anyRequest().permitAll());
			http.httpBasic(Customizer.withDefaults());
			return http.build();
		}

		@Bean
		UserDetailsService userDetailsService() {
			return new InMemoryUserDetailsManager(
					User.withUsername("admin").password("{noop}secret").roles("ADMIN").build(),
					User.withUsername("bob").password("{noop}secret").roles("USER").build());
		}

	}

	@RestController
	static class AdminController {

		@GetMapping("/admin/secret")
		String secret() {
			return "the admin's secret";
		}

		@GetMapping("/public")
		String open() {
			return "public";
		}

	}

}
