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
import java.security.Principal;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
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
 * The default application and a mount, each secured by Spring Security with users of its
 * own: the default application's security filters run before the dispatch and mark the
 * request as secured, yet the mount's own security filters still run, and nobody logged
 * in to one application is logged in to the other.
 *
 * @author Dispatch contributors
 */
@SpringBootTest(classes = SecurityIsolationSecuredTests.SecuredApp.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "app.name=default", "app.user=root", "dispatch.mounts.backend.path=/backend",
				"dispatch.mounts.backend.sources=dev.dispatch.autoconfigure.SecurityIsolationSecuredTests$SecuredApp",
				"dispatch.mounts.backend.properties.app.name=backend",
				"dispatch.mounts.backend.properties.app.user=alice" })
class SecurityIsolationSecuredTests {

	private final HttpClient client = HttpClient.newBuilder()
		.cookieHandler(new CookieManager())
		.followRedirects(HttpClient.Redirect.NEVER)
		.build();

	@LocalServerPort
	private int port;

	@Test
	void userOfTheDefaultApplicationIsNotLoggedInToTheMount() throws Exception {
		assertThat(login("", "root").statusCode()).isEqualTo(302);
		assertThat(get("/secret").body()).isEqualTo("default's secret for root");
		HttpResponse<String> backend = get("/backend/secret");
		assertThat(backend.statusCode()).isEqualTo(302);
		assertThat(backend.headers().firstValue("Location"))
			.hasValueSatisfying((location) -> assertThat(location).endsWith("/backend/login"));
	}

	@Test
	void userOfTheMountIsNotLoggedInToTheDefaultApplication() throws Exception {
		assertThat(login("/backend", "alice").statusCode()).isEqualTo(302);
		assertThat(get("/backend/secret").body()).isEqualTo("backend's secret for alice");
		HttpResponse<String> secret = get("/secret");
		assertThat(secret.statusCode()).isEqualTo(302);
		assertThat(secret.headers().firstValue("Location"))
			.hasValueSatisfying((location) -> assertThat(location).doesNotContain("/backend").endsWith("/login"));
	}

	@Test
	void usersLoggedInToBothApplicationsAreEachApplicationsOwn() throws Exception {
		login("", "root");
		login("/backend", "alice");
		assertThat(get("/secret").body()).isEqualTo("default's secret for root");
		assertThat(get("/backend/secret").body()).isEqualTo("backend's secret for alice");
	}

	private HttpResponse<String> login(String application, String user) throws Exception {
		HttpRequest request = HttpRequest.newBuilder(uri(application + "/login"))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString("username=" + user + "&password=secret"))
			.build();
		return this.client.send(request, HttpResponse.BodyHandlers.ofString());
	}

	private HttpResponse<String> get(String path) throws Exception {
		return this.client.send(HttpRequest.newBuilder(uri(path)).build(), HttpResponse.BodyHandlers.ofString());
	}

	private URI uri(String path) {
		return URI.create("http://localhost:" + this.port + path);
	}

	/**
	 * The default application, and the mounted one: each has one user, named by the
	 * {@code app.user} property, and a secret behind a login form.
	 */
	@SpringBootConfiguration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	@Import(SecretController.class)
	static class SecuredApp {

		@Bean
		SecurityFilterChain securityFilterChain(HttpSecurity http) throws Exception {
			http.authorizeHttpRequests(
					(requests) -> requests.requestMatchers("/secret").authenticated().anyRequest().permitAll());
			http.formLogin(Customizer.withDefaults());
			http.csrf((csrf) -> csrf.disable());
			return http.build();
		}

		@Bean
		UserDetailsService userDetailsService(@Value("${app.user}") String user) {
			return new InMemoryUserDetailsManager(User.withUsername(user).password("{noop}secret").build());
		}

	}

	@RestController
	static class SecretController {

		@GetMapping("/secret")
		String secret(@Value("${app.name}") String app, Principal user) {
			return app + "'s secret for " + user.getName();
		}

	}

}
