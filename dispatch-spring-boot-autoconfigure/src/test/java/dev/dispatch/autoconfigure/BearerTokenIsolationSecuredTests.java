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
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Date;

import javax.crypto.spec.SecretKeySpec;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
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
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.NegatedRequestMatcher;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The default application as an OAuth2 resource server that accepts bearer tokens on
 * every path, and mounts with users of their own, with bearer tokens of their own or
 * without security, on a real server.
 *
 * @author Dispatch contributors
 */
@SpringBootTest(classes = BearerTokenIsolationSecuredTests.DefaultApp.class,
		webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "app.key=" + BearerTokenIsolationSecuredTests.DEFAULT_KEY,
				"dispatch.mounts.secured.path=/secured",
				"dispatch.mounts.secured.sources=dev.dispatch.autoconfigure.AuthenticationIsolationSecuredTests$BasicApp",
				"dispatch.mounts.api.path=/api",
				"dispatch.mounts.api.sources=dev.dispatch.autoconfigure.BearerTokenIsolationSecuredTests$BearerApp",
				"dispatch.mounts.api.properties.app.key=" + BearerTokenIsolationSecuredTests.API_KEY,
				"dispatch.mounts.open.path=/open",
				"dispatch.mounts.open.sources=dev.dispatch.autoconfigure.AuthenticationIsolationSecuredTests$UserApp",
				"dispatch.mounts.open.properties.spring.autoconfigure.exclude="
						+ AuthenticationIsolationSecuredTests.SECURITY_AUTO_CONFIGURATIONS })
class BearerTokenIsolationSecuredTests {

	static final String DEFAULT_KEY = "the default application's key, of 256 bits or more";

	static final String API_KEY = "the api mount's own key, also of 256 bits or more";

	@LocalServerPort
	private int port;

	@Test
	void defaultApplicationsTokenDoesNotAuthenticateTheUsersOfAMountWithSecurityOfItsOwn() throws Exception {
		String token = token("root", DEFAULT_KEY);
		assertThat(get("/user", token).body()).isEqualTo("principal=root, context=root");
		assertThat(get("/secured/user", token).statusCode()).isEqualTo(401);
	}

	@Test
	void mountAcceptsOnlyItsOwnTokens() throws Exception {
		assertThat(get("/api/user", token("bob", API_KEY)).body()).isEqualTo("principal=bob, context=bob");
		assertThat(get("/api/user", token("root", DEFAULT_KEY)).statusCode()).isEqualTo(401);
		assertThat(get("/user", token("bob", API_KEY)).statusCode()).isEqualTo(401);
	}

	@Test
	void mountWithoutSecurityOfItsOwnSeesNoneOfTheDefaultApplicationsAuthentication() throws Exception {
		HttpResponse<String> response = get("/open/user", token("root", DEFAULT_KEY));
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.body()).isEqualTo("principal=none, context=none");
	}

	private HttpResponse<String> get(String path, String token) {
		return TestRequests.get(this.port, path, "Authorization", "Bearer " + token);
	}

	private static String token(String subject, String key) throws JOSEException {
		JWTClaimsSet claims = new JWTClaimsSet.Builder().subject(subject)
			.expirationTime(Date.from(Instant.now().plusSeconds(600)))
			.build();
		SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims);
		jwt.sign(new MACSigner(key.getBytes(StandardCharsets.UTF_8)));
		return jwt.serialize();
	}

	static JwtDecoder decoder(String key) {
		return NimbusJwtDecoder.withSecretKey(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA256"))
			.build();
	}

	@SpringBootConfiguration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	@Import(UserController.class)
	static class DefaultApp {

		@Bean
		SecurityFilterChain securityFilterChain(HttpSecurity http) throws Exception {
			http.securityMatcher(new NegatedRequestMatcher(PathPatternRequestMatcher.pathPattern("/api/**")));
			http.authorizeHttpRequests((requests) -> requests.anyRequest().authenticated());
			http.oauth2ResourceServer((server) -> server.jwt(Customizer.withDefaults()));
			return http.build();
		}

		@Bean
		JwtDecoder jwtDecoder(@Value("${app.key}") String key) {
			return decoder(key);
		}

	}

	@Configuration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	@Import(UserController.class)
	static class BearerApp {

		@Bean
		SecurityFilterChain securityFilterChain(HttpSecurity http) throws Exception {
			http.authorizeHttpRequests((requests) -> requests.anyRequest().authenticated());
			http.oauth2ResourceServer((server) -> server.jwt(Customizer.withDefaults()));
			return http.build();
		}

		@Bean
		JwtDecoder jwtDecoder(@Value("${app.key}") String key) {
			return decoder(key);
		}

	}

}
