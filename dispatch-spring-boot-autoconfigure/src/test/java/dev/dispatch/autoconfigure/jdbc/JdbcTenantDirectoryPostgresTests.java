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

import java.net.http.HttpResponse;
import java.time.Duration;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The table of tenants on a real PostgreSQL, created by the starter's schema: plain
 * inserts, updates and deletes, whose version the schema's trigger bumps, reach the
 * tenants through LISTEN alone (polling is off). Needs a PostgreSQL database at the JDBC
 * URL of the system property {@code dispatch.test.postgres.url}:
 * {@code .ci/postgres-tests} starts one and runs these tests.
 *
 * @author Dispatch contributors
 */
class JdbcTenantDirectoryPostgresTests {

	private static final String URL = System.getProperty("dispatch.test.postgres.url",
			"jdbc:postgresql://127.0.0.1:55432/dispatch");

	private static final String USER = System.getProperty("dispatch.test.postgres.user", "dispatch");

	private ConfigurableApplicationContext context;

	@BeforeEach
	void dropTable() {
		try (SingleConnectionDataSource dataSource = new SingleConnectionDataSource(URL, USER, "", true)) {
			new JdbcTemplate(dataSource).execute("drop table if exists dispatch_tenants");
		}
	}

	@AfterEach
	void close() {
		if (this.context != null) {
			this.context.close();
		}
	}

	@Test
	void plainChangesOfRowsReachTheTenantsThroughListen() {
		run();
		JdbcTemplate jdbc = new JdbcTemplate(this.context.getBean(javax.sql.DataSource.class));
		jdbc.update("insert into dispatch_tenants (tenant_group, tenant_key, properties) values "
				+ "('path', 'acme', 'greeting=hello')");
		assertThat(get("/t/acme/greeting").body()).isEqualTo("hello");
		assertThat(get("/t/newco/greeting").statusCode()).isEqualTo(404);
		jdbc.update("insert into dispatch_tenants (tenant_group, tenant_key, properties) values "
				+ "('path', 'newco', 'greeting=welcome')");
		jdbc.update("update dispatch_tenants set properties = 'greeting=hi' where tenant_key = 'acme'");
		await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
			assertThat(get("/t/newco/greeting").body()).isEqualTo("welcome");
			assertThat(get("/t/acme/greeting").body()).isEqualTo("hi");
		});
		assertThat(jdbc.queryForObject("select version from dispatch_tenants where tenant_key = 'acme'", Long.class))
			.isEqualTo(1);
		jdbc.update("delete from dispatch_tenants where tenant_key = 'acme'");
		await().atMost(Duration.ofSeconds(20))
			.untilAsserted(() -> assertThat(get("/t/acme/greeting").statusCode()).isEqualTo(404));
	}

	private void run() {
		this.context = new SpringApplicationBuilder(JdbcTenantDirectoryJdbcTests.HostApp.class)
			.properties("server.port=0", "spring.datasource.url=" + URL, "spring.datasource.username=" + USER,
					"dispatch.path.prefix=/t",
					"dispatch.path.sources=dev.dispatch.autoconfigure.jdbc.JdbcTenantDirectoryJdbcTests$TenantApp",
					"dispatch.path.directory=jdbc", "dispatch.tenants.jdbc.initialize-schema=always",
					"dispatch.tenants.jdbc.refresh-interval=0", "dispatch.tenants.jdbc.listen=true")
			.run();
	}

	private HttpResponse<String> get(String path) {
		return JdbcTenantDirectoryJdbcTests.get(this.context, path);
	}

}
