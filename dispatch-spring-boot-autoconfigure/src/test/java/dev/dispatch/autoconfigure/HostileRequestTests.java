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

import java.io.IOException;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.webmvc.error.ErrorAttributes;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A regression corpus of hostile request targets and {@code Host} headers, sent as they
 * are to a real server: none may yield a 500 or reach an application that the normalized
 * path and host do not name.
 * <p>
 * Each case names the status and the application that answered: the body of a 200, the
 * application that rendered the error page otherwise, or {@code -} where the container
 * rejected the request before any filter ran. A 400 of the dispatcher itself is rendered
 * by the default application's error page. Jetty rejects more requests itself than
 * Tomcat: where its outcome differs, the last column gives it.
 *
 * @author Dispatch contributors
 */
class HostileRequestTests {

	private static final String PROPERTIES = "server.max-http-request-header-size=64KB";

	String send(int port, String target, String host) throws IOException {
		String request = "GET "
				+ target.replace("{SOH}", "\u0001")
					.replace("{DEL}", "\u007f")
					.replace("{4000 SEGMENTS}", "a/".repeat(4000))
				+ " HTTP/1.1\r\n" + (host.equals("(none)") ? "" : "Host: " + host + "\r\n")
				+ "Connection: close\r\n\r\n";
		return TestRequests.raw(port, request);
	}

	static void assertOutcome(String response, String outcome) {
		String[] expected = outcome.split(" ");
		assertOutcome(response, Integer.parseInt(expected[0]), expected[1]);
	}

	static void assertOutcome(String response, int status, String application) {
		assertThat(response).as(response).startsWith("HTTP/1.1 " + status + " ");
		String body = response.substring(response.indexOf("\r\n\r\n") + 4);
		if (application.equals("-")) {
			assertThat(body).doesNotContain("\"application\"");
		}
		else if (status == 200) {
			assertThat(body).isEqualTo(application);
		}
		else {
			assertThat(body).contains("\"application\":\"" + application + "\"");
		}
	}

	@Nested
	@SpringBootTest(classes = ParentApp.class, webEnvironment = WebEnvironment.RANDOM_PORT,
			properties = { PROPERTIES, "dispatch.mounts.backend.path=/backend",
					"dispatch.mounts.backend.sources=dev.dispatch.autoconfigure.HostileRequestTests$ChildApp",
					"dispatch.mounts.backend.properties.app.name=backend", "dispatch.mounts.api.path=/api/v2",
					"dispatch.mounts.api.sources=dev.dispatch.autoconfigure.HostileRequestTests$ChildApp",
					"dispatch.mounts.api.properties.app.name=api", "dispatch.subdomain.domain=example.com",
					"dispatch.subdomain.sources=dev.dispatch.autoconfigure.HostileRequestTests$ChildApp",
					"dispatch.subdomain.properties.app.name=tenant-${dispatch.tenant}",
					"dispatch.subdomain.tenants.acme.properties.x=y", "dispatch.path.prefix=/t",
					"dispatch.path.sources=dev.dispatch.autoconfigure.HostileRequestTests$ChildApp",
					"dispatch.path.properties.app.name=path-${dispatch.tenant}",
					"dispatch.path.tenants.acme.properties.x=y" })
	class WithoutForwardedHeaders {

		@LocalServerPort
		private int port;

		@Autowired
		private ApplicationContext context;

		@ParameterizedTest(name = "[{index}] GET {0} Host: {1} -> {2} {3}, on Jetty {4}")
		@CsvSource(delimiter = '|',
				textBlock = """
						/whoami                                 | localhost                  | 200 | default        |
						/backend/whoami                         | localhost                  | 200 | backend        |
						/api/v2/whoami                          | localhost                  | 200 | api            |
						/public/../backend/whoami               | localhost                  | 400 | default        |
						/backend/../whoami                      | localhost                  | 404 | default        |
						/backend/..;/whoami                     | localhost                  | 404 | default        | 400 -
						/backend/%2e%2e/whoami                  | localhost                  | 404 | default        | 400 -
						/backend/%2E%2E/whoami                  | localhost                  | 404 | default        | 400 -
						/backend/.%2e/whoami                    | localhost                  | 404 | default        | 400 -
						/api/v2/../v2/whoami                    | localhost                  | 400 | default        |
						/api/../api/v2/whoami                   | localhost                  | 400 | default        |
						/backend/a/b/../../whoami               | localhost                  | 400 | default        |
						/../backend/whoami                      | localhost                  | 400 | -              |
						/backend/./whoami                       | localhost                  | 400 | default        |
						/backend;jsessionid=1/whoami            | localhost                  | 200 | backend        |
						/backend;a=b/whoami                     | localhost                  | 200 | backend        |
						/backend/whoami;a=b                     | localhost                  | 200 | backend        |
						/api;x=1/v2;y=2/whoami                  | localhost                  | 200 | api            |
						/backend;/whoami                        | localhost                  | 200 | backend        |
						/;/backend/whoami                       | localhost                  | 400 | default        | 400 -
						/back%65nd/whoami                       | localhost                  | 200 | backend        |
						/%62ackend/whoami                       | localhost                  | 200 | backend        |
						/backend%2Fwhoami                       | localhost                  | 400 | -              |
						/backend%2fwhoami                       | localhost                  | 400 | -              |
						/backend/%2Fwhoami                      | localhost                  | 400 | -              |
						/backend%5Cwhoami                       | localhost                  | 400 | -              |
						/backend\\whoami                         | localhost                  | 400 | -             |
						/backend/%252e%252e/whoami              | localhost                  | 404 | backend        | 400 -
						/backend%252Fwhoami                     | localhost                  | 404 | default        | 400 -
						/backend%00/whoami                      | localhost                  | 400 | -              |
						/backend/%00                            | localhost                  | 400 | -              |
						//backend/whoami                        | localhost                  | 400 | default        | 400 -
						/backend//whoami                        | localhost                  | 400 | default        | 400 -
						/backend/                               | localhost                  | 404 | backend        |
						/BACKEND/whoami                         | localhost                  | 404 | default        |
						/Backend/whoami                         | localhost                  | 404 | default        |
						/backendx/whoami                        | localhost                  | 404 | default        |
						/backend.json                           | localhost                  | 404 | default        |
						/backend%20/whoami                      | localhost                  | 404 | default        |
						/%20backend/whoami                      | localhost                  | 404 | default        |
						/backend/whoami%20                      | localhost                  | 404 | backend        |
						/backend%09/whoami                      | localhost                  | 404 | default        | 400 -
						/backend/%zz                            | localhost                  | 400 | -              |
						/backend/%                              | localhost                  | 400 | -              |
						/backend%/whoami                        | localhost                  | 400 | -              |
						/backend/who{SOH}ami                    | localhost                  | 400 | -              |
						/backend/{DEL}                          | localhost                  | 400 | -              |
						/backend/{4000 SEGMENTS}whoami          | localhost                  | 404 | backend |
						/{4000 SEGMENTS}whoami                  | localhost                  | 404 | default |
						/whoami                                 | acme.example.com           | 200 | tenant-acme    |
						/whoami                                 | acme.example.com:8080      | 200 | tenant-acme    |
						/whoami                                 | ACME.EXAMPLE.COM           | 200 | tenant-acme    |
						/whoami                                 | acme.example.com.          | 200 | tenant-acme    |
						/backend/whoami                         | acme.example.com           | 404 | tenant-acme    |
						/whoami                                 | example.com                | 200 | default        |
						/backend/whoami                         | example.com                | 200 | backend        |
						/whoami                                 | evilexample.com            | 200 | default        |
						/whoami                                 | acme.evilexample.com       | 200 | default        |
						/whoami                                 | acme.example.com.evil.com  | 200 | default        |
						/whoami                                 | acme.example.com..         | 400 | -              | 200 default
						/whoami                                 | a.acme.example.com         | 404 | default        |
						/whoami                                 | unknown.example.com        | 404 | default        |
						/whoami                                 | application.example.com    | 404 | default        |
						/whoami                                 | xn--bcher-kva.example.com  | 404 | default        |
						/whoami                                 | -acme.example.com          | 400 | -              | 404 default
						/whoami                                 | acme_1.example.com         | 400 | -              | 404 default
						/whoami                                 | [::1]                      | 200 | default        |
						/whoami                                 | [::1]:8080                 | 200 | default        |
						/whoami                                 | [::ffff:acme.example.com]  | 400 | -              |
						/whoami                                 | 127.0.0.1                  | 200 | default        |
						/whoami                                 | 127.0.0.1:8080             | 200 | default        |
						/t/acme/whoami                          | localhost                  | 200 | path-acme      |
						/t/acme;x=1/whoami                      | localhost                  | 200 | path-acme      |
						/t/%61cme/whoami                        | localhost                  | 200 | path-acme      |
						/t/ACME/whoami                          | localhost                  | 404 | default        |
						/t/unknown/whoami                       | localhost                  | 404 | default        |
						/t/../t/acme/whoami                     | localhost                  | 400 | default        |
						/t/acme/../../backend/whoami            | localhost                  | 400 | default        |
						/t//acme/whoami                         | localhost                  | 400 | default        | 400 -
						/t/acme/whoami                          | acme.example.com           | 404 | tenant-acme    |
						""")
		void corpus(String target, String host, int status, String application, String onJetty) throws IOException {
			assertOutcome(HostileRequestTests.this.send(this.port, target, host),
					ServletContainer.of(this.context).expected(status + " " + application, onJetty));
		}

		@ParameterizedTest(name = "[{index}] {0} -> {1} {2}, on Jetty {3}")
		@CsvSource(delimiter = '|', textBlock = """
				GET http://acme.example.com/whoami HTTP/1.1\\r\\nHost: acme.example.com     | 200 | tenant-acme |
				GET http://localhost/backend/whoami HTTP/1.1\\r\\nHost: localhost           | 200 | backend |
				GET http://acme.example.com/whoami HTTP/1.1\\r\\nHost: localhost            | 400 | - |
				GET /whoami HTTP/1.1\\r\\nHost: localhost\\r\\nX-Forwarded-Host: acme.example.com | 200 | default |
				GET /whoami HTTP/1.0                                                   | 200 | default |
				GET /backend/whoami HTTP/1.0                                           | 200 | backend |
				GET /whoami HTTP/1.1\\r\\nHost:                                          | 200 | default | 400 -
				""")
		void requestLinesAndHeaders(String request, int status, String application, String onJetty) throws IOException {
			String response = TestRequests.raw(this.port,
					request.replace("\\r\\n", "\r\n").strip() + "\r\nConnection: close\r\n\r\n");
			assertOutcome(response.replace("HTTP/1.0 ", "HTTP/1.1 "),
					ServletContainer.of(this.context).expected(status + " " + application, onJetty));
		}

	}

	@Nested
	@SpringBootTest(classes = ParentApp.class, webEnvironment = WebEnvironment.RANDOM_PORT,
			properties = { PROPERTIES, "server.forward-headers-strategy=native",
					"dispatch.subdomain.domain=example.com",
					"dispatch.subdomain.sources=dev.dispatch.autoconfigure.HostileRequestTests$ChildApp",
					"dispatch.subdomain.properties.app.name=tenant-${dispatch.tenant}",
					"dispatch.subdomain.tenants.acme.properties.x=y" })
	class WithForwardedHeaders {

		@LocalServerPort
		private int port;

		@ParameterizedTest(name = "[{index}] {0} -> {1} {2}")
		@CsvSource(delimiter = '|',
				textBlock = """
						GET /whoami HTTP/1.1\\r\\nHost: localhost\\r\\nX-Forwarded-Host: acme.example.com         | 200 | tenant-acme
						GET /whoami HTTP/1.1\\r\\nHost: localhost\\r\\nX-Forwarded-Host: evilexample.com          | 200 | default
						GET /whoami HTTP/1.1\\r\\nHost: acme.example.com\\r\\nX-Forwarded-Host: localhost         | 200 | default
						GET /whoami HTTP/1.1\\r\\nHost: localhost\\r\\nX-Forwarded-Host: unknown.example.com      | 404 | default
						""")
		void forwardedHostIsTheTenantWithAForwardHeadersStrategy(String request, int status, String application)
				throws IOException {
			String response = TestRequests.raw(this.port,
					request.replace("\\r\\n", "\r\n").strip() + "\r\nConnection: close\r\n\r\n");
			assertOutcome(response, status, application);
		}

	}

	@SpringBootConfiguration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	@Import(WhoAmIController.class)
	static class ParentApp {

		@Bean
		String name() {
			return "default";
		}

		@Bean
		ErrorAttributes errorAttributes() {
			return new NamedErrorAttributes("default");
		}

	}

	@Configuration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	@Import(WhoAmIController.class)
	static class ChildApp {

		@Bean
		String name(@Value("${app.name}") String name) {
			return name;
		}

		@Bean
		ErrorAttributes errorAttributes(@Value("${app.name}") String name) {
			return new NamedErrorAttributes(name);
		}

	}

}
