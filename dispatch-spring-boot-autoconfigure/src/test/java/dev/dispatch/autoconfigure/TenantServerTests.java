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

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Subdomain tenants on a real server, with {@code Host} headers sent as they are.
 *
 * @author Dispatch contributors
 */
@SpringBootTest(classes = TenantServerTests.ParentApp.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "dispatch.subdomain.domain=example.com",
				"dispatch.subdomain.sources=dev.dispatch.autoconfigure.TenantServerTests$TenantApp",
				"dispatch.subdomain.tenants.acme.properties.x=y", "dispatch.subdomain.tenants.globex.properties.x=y" })
class TenantServerTests {

	@LocalServerPort
	private int port;

	@Autowired
	private ApplicationContext context;

	// Tomcat answers 400 itself for a host name that is not valid, such as
	// -acme.example.com; Jetty lets it through, and it is no tenant's
	@ParameterizedTest(name = "Host: {0} -> {1} {2}")
	@CsvSource(nullValues = "-", textBlock = """
			acme.example.com,                200, acme
			acme.example.com:8080,           200, acme
			ACME.EXAMPLE.COM,                200, acme
			acme.example.com.,               200, acme
			acme.example.com.:8080,          200, acme
			globex.example.com,              200, globex
			example.com,                     200, default
			evilexample.com,                 200, default
			acme.example.com.evil.com,       200, default
			localhost,                       200, default
			[::1],                           200, default
			127.0.0.1,                       200, default
			a.acme.example.com,              404, -
			initech.example.com,             404, -
			-acme.example.com,               400, -
			xn--bcher-kva.example.com,       404, -
			""")
	void hostHeaderPicksTheTenant(String host, int status, String answer) throws IOException {
		String response = send("GET /whoami HTTP/1.1\r\nHost: " + host + "\r\nConnection: close\r\n\r\n");
		if (status == 400 && ServletContainer.of(this.context) == ServletContainer.JETTY) {
			status = 404;
		}
		assertThat(response).startsWith("HTTP/1.1 " + status);
		if (answer != null) {
			assertThat(response).endsWith("\r\n\r\n" + answer);
		}
	}

	@ParameterizedTest(name = "{0}")
	@CsvSource(delimiter = '|', textBlock = """
			GET http://acme.example.com/whoami HTTP/1.1\\r\\nHost: acme.example.com\\r\\n | acme
			GET /whoami HTTP/1.1\\r\\nHost: localhost\\r\\nX-Forwarded-Host: acme.example.com\\r\\n | default
			GET /whoami HTTP/1.0\\r\\n | default
			""")
	void requestTargetsAndForwardedHostsAreTheContainers(String request, String answer) throws IOException {
		String response = send(request.replace("\\r\\n", "\r\n").strip() + "\r\nConnection: close\r\n\r\n");
		assertThat(response).startsWith("HTTP/1.1 200").endsWith("\r\n\r\n" + answer);
	}

	private String send(String request) throws IOException {
		return TestRequests.raw(this.port, request);
	}

	@SpringBootConfiguration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	@Import(WhoAmIController.class)
	static class ParentApp {

		@Bean
		String name() {
			return "default";
		}

	}

	@Configuration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	@Import(WhoAmIController.class)
	static class TenantApp {

		@Bean
		String name(@Value("${dispatch.tenant}") String tenant) {
			return tenant;
		}

	}

}
