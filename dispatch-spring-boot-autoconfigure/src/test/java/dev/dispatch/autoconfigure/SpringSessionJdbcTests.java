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
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.session.autoconfigure.SessionAutoConfiguration;
import org.springframework.boot.session.autoconfigure.SessionsEndpointAutoConfiguration;
import org.springframework.boot.session.jdbc.autoconfigure.JdbcSessionAutoConfiguration;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The default application keeps its sessions with Spring Session JDBC; a mount that finds
 * a {@code DataSource}, the default application's through {@code inherit-parent} or one
 * of its own, keeps its attributes in the default application's sessions, under its own
 * names, and adds no session store or cookie of its own.
 *
 * @author Dispatch contributors
 */
class SpringSessionJdbcTests {

	private ConfigurableApplicationContext context;

	@AfterEach
	void close() {
		if (this.context != null) {
			this.context.close();
		}
	}

	@ParameterizedTest
	@ValueSource(strings = { "dispatch.mounts.admin.inherit-parent=true",
			"dispatch.mounts.admin.properties.spring.datasource.url=jdbc:h2:mem:admin" })
	void mountWithADataSourceKeepsItsAttributesInTheDefaultApplicationsSessions(String dataSource) throws Exception {
		this.context = new SpringApplicationBuilder(HostApp.class)
			.properties("server.port=0", "spring.datasource.url=jdbc:h2:mem:sessions",
					"dispatch.mounts.admin.path=/admin", "dispatch.mounts.admin.sources=" + MountApp.class.getName(),
					dataSource)
			.run();
		HttpClient browser = HttpClient.newBuilder().cookieHandler(new CookieManager()).build();
		HttpResponse<String> put = get(browser, "/admin/put?value=from-admin");
		assertThat(put.headers().allValues("Set-Cookie")).singleElement()
			.satisfies((cookie) -> assertThat(cookie).startsWith("SESSION=").contains("Path=/;"));
		assertThat(get(browser, "/admin/get").body()).isEqualTo("from-admin");
		assertThat(get(browser, "/get").body()).isEqualTo("(none)");
		JdbcTemplate jdbc = new JdbcTemplate(this.context.getBean(javax.sql.DataSource.class));
		assertThat(jdbc.queryForObject("select count(*) from spring_session", Integer.class)).isOne();
		List<String> attributes = jdbc.queryForList("select attribute_name from spring_session_attributes",
				String.class);
		assertThat(attributes).singleElement()
			.satisfies((name) -> assertThat(name).endsWith("value").isNotEqualTo("value"));
	}

	@Test
	void springBootsSessionAutoConfigurationsAreInThePackageThatDispatchedApplicationsLeaveOut() {
		assertThat(new Class<?>[] { SessionAutoConfiguration.class, SessionsEndpointAutoConfiguration.class,
				JdbcSessionAutoConfiguration.class })
			.allSatisfy((type) -> assertThat(type.getName())
				.startsWith(DispatchedApplicationAutoConfigurationFilter.SESSION_PACKAGE));
	}

	private HttpResponse<String> get(HttpClient browser, String path) throws Exception {
		int port = ((WebServerApplicationContext) this.context).getWebServer().getPort();
		return browser.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).build(),
				HttpResponse.BodyHandlers.ofString());
	}

	@SpringBootConfiguration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	@Import(SessionController.class)
	static class HostApp {

	}

	@Configuration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	@Import(SessionController.class)
	static class MountApp {

	}

}
