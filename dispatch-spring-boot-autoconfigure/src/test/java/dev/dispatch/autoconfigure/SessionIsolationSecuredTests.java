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

import java.net.CookieManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import jakarta.servlet.http.HttpSession;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Value;
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
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Mounted applications share the host's session cookie but not each other's session
 * attributes: logging in to one, with Spring Security, does not log in to another. The
 * default application and the mount that shares its session are not secured.
 *
 * @author Dispatch contributors
 */
@SpringBootTest(classes = SessionIsolationSecuredTests.ParentApp.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "spring.autoconfigure.exclude=" + SessionIsolationSecuredTests.SECURITY_AUTO_CONFIGURATIONS,
				"dispatch.mounts.admin.path=/admin",
				"dispatch.mounts.admin.sources=dev.dispatch.autoconfigure.SessionIsolationSecuredTests$SecuredApp",
				"dispatch.mounts.admin.properties.app.name=admin", "dispatch.mounts.backend.path=/backend",
				"dispatch.mounts.backend.sources=dev.dispatch.autoconfigure.SessionIsolationSecuredTests$SecuredApp",
				"dispatch.mounts.backend.properties.app.name=backend", "dispatch.mounts.shared.path=/shared",
				"dispatch.mounts.shared.share-session=true",
				"dispatch.mounts.shared.properties.spring.autoconfigure.exclude="
						+ SessionIsolationSecuredTests.SECURITY_AUTO_CONFIGURATIONS,
				"dispatch.mounts.shared.sources=dev.dispatch.autoconfigure.SessionIsolationSecuredTests$SessionApp" })
class SessionIsolationSecuredTests {

	static final String SECURITY_AUTO_CONFIGURATIONS = "org.springframework.boot.security.autoconfigure.SecurityAutoConfiguration,"
			+ "org.springframework.boot.security.autoconfigure.UserDetailsServiceAutoConfiguration,"
			+ "org.springframework.boot.security.autoconfigure.web.servlet.SecurityFilterAutoConfiguration,"
			+ "org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration,"
			+ "org.springframework.boot.security.autoconfigure.actuate.web.servlet.ManagementWebSecurityAutoConfiguration";

	private final HttpClient client = HttpClient.newBuilder()
		.cookieHandler(new CookieManager())
		.followRedirects(HttpClient.Redirect.NEVER)
		.build();

	@LocalServerPort
	private int port;

	@Test
	void loggingInToOneMountDoesNotLogInToAnother() throws Exception {
		assertThat(login("/admin").statusCode()).isEqualTo(302);
		assertThat(get("/admin/secret").body()).isEqualTo("admin's secret for alice");
		HttpResponse<String> backend = get("/backend/secret");
		assertThat(backend.statusCode()).isEqualTo(302);
		assertThat(backend.headers().firstValue("Location")).hasValueSatisfying(
				(location) -> assertThat(location).endsWith("/backend/login"));
	}

	@Test
	void loggingOutOfOneMountKeepsTheOthersLoggedIn() throws Exception {
		login("/admin");
		login("/backend");
		assertThat(get("/admin/secret").statusCode()).isEqualTo(200);
		assertThat(get("/backend/secret").statusCode()).isEqualTo(200);
		assertThat(post("/admin/logout", "").statusCode()).isEqualTo(302);
		assertThat(get("/admin/secret").statusCode()).isEqualTo(302);
		assertThat(get("/backend/secret").body()).isEqualTo("backend's secret for alice");
	}

	@Test
	void sessionAttributesAreInvisibleToOtherApplications() throws Exception {
		get("/backend/put?value=from-backend");
		assertThat(get("/backend/get").body()).isEqualTo("from-backend");
		assertThat(get("/admin/get").body()).isEqualTo("(none)");
		assertThat(get("/get").body()).isEqualTo("(none)");
		assertThat(get("/shared/get").body()).isEqualTo("(none)");
	}

	@Test
	void mountThatSharesTheSessionSeesTheDefaultApplicationsAttributes() throws Exception {
		get("/put?value=from-default");
		assertThat(get("/shared/get").body()).isEqualTo("from-default");
		assertThat(get("/backend/get").body()).isEqualTo("(none)");
		get("/shared/put?value=from-shared");
		assertThat(get("/get").body()).isEqualTo("from-shared");
	}

	private HttpResponse<String> login(String mount) throws Exception {
		return post(mount + "/login", "username=alice&password=secret");
	}

	private HttpResponse<String> get(String path) throws Exception {
		return this.client.send(HttpRequest.newBuilder(uri(path)).build(), HttpResponse.BodyHandlers.ofString());
	}

	private HttpResponse<String> post(String path, String form) throws Exception {
		HttpRequest request = HttpRequest.newBuilder(uri(path))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString(form))
			.build();
		return this.client.send(request, HttpResponse.BodyHandlers.ofString());
	}

	private URI uri(String path) {
		return URI.create("http://localhost:" + this.port + path);
	}

	@SpringBootConfiguration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	@Import(SessionController.class)
	static class ParentApp {

	}

	@Configuration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	@Import({ SessionController.class, SecretController.class })
	static class SecuredApp {

		@Bean
		SecurityFilterChain securityFilterChain(HttpSecurity http) throws Exception {
			http.authorizeHttpRequests((requests) -> requests.requestMatchers("/secret").authenticated()
				.anyRequest()
				.permitAll());
			http.formLogin(Customizer.withDefaults());
			http.csrf((csrf) -> csrf.disable());
			return http.build();
		}

		@Bean
		UserDetailsService userDetailsService() {
			return new InMemoryUserDetailsManager(User.withUsername("alice").password("{noop}secret").build());
		}

	}

	@Configuration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	@Import(SessionController.class)
	static class SessionApp {

	}

	@RestController
	static class SecretController {

		@GetMapping("/secret")
		String secret(@Value("${app.name}") String app, java.security.Principal user) {
			return app + "'s secret for " + user.getName();
		}

	}

	@RestController
	static class SessionController {

		@GetMapping("/put")
		String put(HttpSession session, @RequestParam String value) {
			session.setAttribute("value", value);
			return "ok";
		}

		@GetMapping("/get")
		String get(HttpSession session) {
			Object value = session.getAttribute("value");
			return (value != null) ? value.toString() : "(none)";
		}

	}

}
