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

package dev.dispatch.autoconfigure.jdbc;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import dev.dispatch.application.ApplicationGroup;
import dev.dispatch.application.ApplicationInstance;
import dev.dispatch.application.DispatchedApplicationRegistry;
import dev.dispatch.autoconfigure.DispatchedApplications;
import dev.dispatch.autoconfigure.GroupDirectories;
import dev.dispatch.autoconfigure.InvalidDispatchConfigurationException;
import dev.dispatch.autoconfigure.TenantDirectory;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;
import static org.awaitility.Awaitility.await;

/**
 * Path tenants in the table of tenants of the default application's embedded H2 database:
 * rows are tenants, and a refresh brings new, changed, disabled and deleted rows to the
 * tenants; while the database is down, running tenants keep serving and known ones start
 * from what was read last. Refreshes are run by the tests, not on a schedule.
 *
 * @author Dispatch contributors
 */
class JdbcTenantDirectoryJdbcTests {

	private static final String APP = "dev.dispatch.autoconfigure.jdbc.JdbcTenantDirectoryJdbcTests$TenantApp";

	private static final HttpClient client = HttpClient.newHttpClient();

	private ConfigurableApplicationContext context;

	@AfterEach
	void close() {
		if (this.context != null) {
			this.context.close();
		}
	}

	@Test
	void enabledRowIsATenantAndNoRowIsNone() {
		run();
		insert("acme", "greeting=hello");
		assertThat(get("/t/acme/greeting").body()).isEqualTo("hello");
		assertThat(get("/t/nobody/greeting").statusCode()).isEqualTo(404);
		jdbc().update("insert into dispatch_tenants (tenant_group, tenant_key, properties, enabled) "
				+ "values ('path', 'off', 'greeting=off', false)");
		assertThat(get("/t/off/greeting").statusCode()).isEqualTo(404);
	}

	@Test
	void directoryListsTheKeysOfTheEnabledRowsOfItsGroupForPrestart() {
		run();
		insert("acme", "greeting=hello");
		insert("globex", "greeting=hi");
		jdbc().update("insert into dispatch_tenants (tenant_group, tenant_key, enabled) values ('path', 'off', false)");
		jdbc().update("insert into dispatch_tenants (tenant_group, tenant_key) values ('subdomain', 'other')");
		TenantDirectory directory = this.context.getBean(GroupDirectories.class).forGroup(ApplicationGroup.PATH);
		assertThat(directory).isNotNull();
		assertThat(directory.tenantKeys()).containsExactlyInAnyOrder("acme", "globex");
	}

	@Test
	void newRowIsServedOnItsKeysNextRequestAfterARefresh() {
		run();
		refresh();
		assertThat(get("/t/newco/greeting").statusCode()).isEqualTo(404);
		insert("newco", "greeting=welcome");
		refresh();
		assertThat(get("/t/newco/greeting").body()).isEqualTo("welcome");
	}

	@Test
	void changedRowRestartsItsRunningTenant() {
		run();
		insert("acme", "greeting=hello");
		assertThat(get("/t/acme/greeting").body()).isEqualTo("hello");
		ApplicationInstance old = registry().getTenantGroups().get(0).getTenants().get(0).getRunning();
		refresh();
		jdbc().update("update dispatch_tenants set properties = 'greeting=hi', version = version + 1 "
				+ "where tenant_key = 'acme'");
		refresh();
		assertThat(get("/t/acme/greeting").body()).isEqualTo("hi");
		await().atMost(Duration.ofSeconds(30)).until(old::isClosed);
	}

	@Test
	void disabledOrDeletedRowStopsItsTenant() {
		run();
		insert("acme", "greeting=hello");
		insert("globex", "greeting=hi");
		assertThat(get("/t/acme/greeting").body()).isEqualTo("hello");
		assertThat(get("/t/globex/greeting").body()).isEqualTo("hi");
		refresh();
		jdbc().update("update dispatch_tenants set enabled = false, version = version + 1 where tenant_key = 'acme'");
		jdbc().update("delete from dispatch_tenants where tenant_key = 'globex'");
		refresh();
		assertThat(get("/t/acme/greeting").statusCode()).isEqualTo(404);
		assertThat(get("/t/globex/greeting").statusCode()).isEqualTo(404);
	}

	@Test
	void whileTheDatabaseIsDownKnownTenantsServeAndOthersAnswer503UntilItIsBack() {
		run();
		insert("acme", "greeting=hello");
		insert("globex", "greeting=hi");
		assertThat(get("/t/acme/greeting").body()).isEqualTo("hello");
		refresh();
		assertThat(health().getStatus()).isEqualTo(Status.UP);
		jdbc().execute("alter table dispatch_tenants rename to dispatch_tenants_away");
		refresh();
		assertThat(health().getStatus()).isEqualTo(Status.DOWN);
		assertThat(counter("dispatch.tenants.refreshes", "outcome", "failure")).isEqualTo(1);
		assertThat(get("/t/acme/greeting").body()).isEqualTo("hello");
		applications().stop("path:acme");
		assertThat(get("/t/acme/greeting").body()).as("started from what was read last").isEqualTo("hello");
		HttpResponse<String> unknown = get("/t/globex/greeting");
		assertThat(unknown.statusCode()).isEqualTo(503);
		assertThat(unknown.headers().firstValue("Retry-After")).isPresent();
		assertThat(counter("dispatch.tenants.lookups", "outcome", "last-read")).isEqualTo(1);
		assertThat(counter("dispatch.tenants.lookups", "outcome", "failed")).isEqualTo(1);
		jdbc().execute("alter table dispatch_tenants_away rename to dispatch_tenants");
		assertThat(get("/t/globex/greeting").body()).isEqualTo("hi");
		refresh();
		assertThat(health().getStatus()).isEqualTo(Status.UP);
		assertThat(counter("dispatch.tenants.lookups", "outcome", "found")).isEqualTo(2);
	}

	private Health health() {
		return this.context.getBean("dispatchTenantsHealthIndicator", HealthIndicator.class).health();
	}

	private double counter(String name, String tag, String value) {
		return this.context.getBean(MeterRegistry.class).get(name).tag(tag, value).functionCounter().count();
	}

	@Test
	void jdbcDirectoryWithoutADatabaseFailsAtStartup() {
		assertThatException()
			.isThrownBy(() -> run("spring.autoconfigure.exclude="
					+ "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration"))
			.havingRootCause()
			.isInstanceOf(InvalidDispatchConfigurationException.class)
			.withMessageContaining("'dispatch.path.directory'")
			.withMessageContaining("has none");
	}

	@Test
	void listenWithoutPostgresqlFailsAtStartup() {
		assertThatException().isThrownBy(() -> run("dispatch.tenants.jdbc.listen=true"))
			.havingRootCause()
			.isInstanceOf(InvalidDispatchConfigurationException.class)
			.withMessageContaining("'dispatch.tenants.jdbc.listen'")
			.withMessageContaining("LISTEN is PostgreSQL's");
	}

	private void insert(String key, String properties) {
		jdbc().update("insert into dispatch_tenants (tenant_group, tenant_key, properties) values ('path', ?, ?)", key,
				properties);
	}

	private void refresh() {
		this.context.getBean(JdbcTenantRefresher.class).refresh();
	}

	private JdbcTemplate jdbc() {
		return new JdbcTemplate(this.context.getBean(javax.sql.DataSource.class));
	}

	private DispatchedApplications applications() {
		return this.context.getBean(DispatchedApplications.class);
	}

	private DispatchedApplicationRegistry registry() {
		return this.context.getBean(DispatchedApplicationRegistry.class);
	}

	private void run(String... properties) {
		this.context = new SpringApplicationBuilder(HostApp.class)
			.properties("server.port=0", "dispatch.path.prefix=/t", "dispatch.path.sources=" + APP,
					"dispatch.path.directory=jdbc", "dispatch.tenants.jdbc.refresh-interval=0")
			.properties(properties)
			.run();
	}

	private HttpResponse<String> get(String path) {
		return get(this.context, path);
	}

	static HttpResponse<String> get(ConfigurableApplicationContext context, String path) {
		int port = ((WebServerApplicationContext) context).getWebServer().getPort();
		try {
			return client.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).build(),
					HttpResponse.BodyHandlers.ofString());
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

	@SpringBootConfiguration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	static class HostApp {

	}

	@Configuration(proxyBeanMethods = false)
	@EnableAutoConfiguration(excludeName = "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration")
	static class TenantApp {

		@RestController
		static class GreetingController {

			private final String greeting;

			GreetingController(@Value("${greeting}") String greeting) {
				this.greeting = greeting;
			}

			@GetMapping("/greeting")
			String greeting() {
				return this.greeting;
			}

		}

	}

}
