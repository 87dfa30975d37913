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

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import javax.sql.DataSource;

import dev.dispatch.application.ApplicationGroup;
import dev.dispatch.application.DispatchedApplicationRegistry;
import dev.dispatch.autoconfigure.DispatchAutoConfiguration;
import dev.dispatch.autoconfigure.DispatchProperties;
import dev.dispatch.autoconfigure.DispatchProperties.Directory;
import dev.dispatch.autoconfigure.DispatchProperties.InitializeSchema;
import dev.dispatch.autoconfigure.DispatchProperties.Jdbc;
import dev.dispatch.autoconfigure.GroupDirectories;
import dev.dispatch.autoconfigure.InvalidDispatchConfigurationException;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.jspecify.annotations.Nullable;
import org.postgresql.PGConnection;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.jdbc.DatabaseDriver;
import org.springframework.boot.jdbc.EmbeddedDatabaseConnection;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.jdbc.init.DataSourceScriptDatabaseInitializer;
import org.springframework.boot.jdbc.init.PlatformPlaceholderDatabaseDriverResolver;
import org.springframework.boot.sql.init.DatabaseInitializationMode;
import org.springframework.boot.sql.init.DatabaseInitializationSettings;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Role;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.util.ClassUtils;

/**
 * {@link org.springframework.boot.autoconfigure.EnableAutoConfiguration
 * Auto-configuration} of the table of tenants in the default application's database, for
 * the tenant groups configured with {@code directory: jdbc}: their directories, the
 * table's creation as Spring Session's JDBC store does it, and the polling that brings
 * the table's changes to the running tenants.
 *
 * @author Dispatch contributors
 */
@AutoConfiguration(after = DataSourceAutoConfiguration.class, before = DispatchAutoConfiguration.class)
@ConditionalOnClass({ JdbcTemplate.class, DataSourceScriptDatabaseInitializer.class })
@ConditionalOnBean(DataSource.class)
@ConditionalOnBooleanProperty(name = "dispatch.enabled", matchIfMissing = true)
@EnableConfigurationProperties(DispatchProperties.class)
public final class DispatchJdbcTenantsAutoConfiguration {

	private static final String DEFAULT_TABLE = "dispatch_tenants";

	private static final Pattern TABLE = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*(\\.[A-Za-z_][A-Za-z0-9_]*)?");

	private static final String SCHEMA = "classpath:dev/dispatch/autoconfigure/jdbc/schema-@@platform@@.sql";

	@Bean
	@Role(BeanDefinition.ROLE_INFRASTRUCTURE)
	JdbcTenantDirectories dispatchJdbcTenantDirectories(DataSource dataSource, DispatchProperties properties,
			ApplicationContext context) {
		Jdbc jdbc = properties.getTenants().getJdbc();
		String table = table(jdbc, dataSource);
		checkListen(jdbc, dataSource);
		initializeSchema(dataSource, jdbc, table);
		JdbcTemplate template = new JdbcTemplate(dataSource);
		List<JdbcTenantDirectory> directories = new ArrayList<>();
		if (properties.getPath().getDirectory() == Directory.JDBC) {
			directories.add(new JdbcTenantDirectory(template, table, ApplicationGroup.PATH, context.getClassLoader()));
		}
		if (properties.getSubdomain().getDirectory() == Directory.JDBC) {
			directories
				.add(new JdbcTenantDirectory(template, table, ApplicationGroup.SUBDOMAIN, context.getClassLoader()));
		}
		return new JdbcTenantDirectories(directories);
	}

	@Bean
	@Role(BeanDefinition.ROLE_INFRASTRUCTURE)
	JdbcTenantRefresher dispatchJdbcTenantRefresher(JdbcTenantDirectories directories, DispatchProperties properties,
			ObjectProvider<DispatchedApplicationRegistry> registry) {
		return new JdbcTenantRefresher(directories.directories(), registry,
				properties.getTenants().getJdbc().getRefreshInterval());
	}

	private static String table(Jdbc jdbc, DataSource dataSource) {
		String table = jdbc.getTable();
		if (!TABLE.matcher(table).matches()) {
			throw new InvalidDispatchConfigurationException("dispatch.tenants.jdbc.table", table,
					"a table's name is an SQL identifier, optionally after a schema's: letters, digits and '_'",
					"Set 'dispatch.tenants.jdbc.table' to a table such as 'dispatch_tenants'.");
		}
		if (!table.equals(DEFAULT_TABLE) && jdbc.getInitializeSchema() != InitializeSchema.NEVER
				&& (jdbc.getInitializeSchema() == InitializeSchema.ALWAYS
						|| EmbeddedDatabaseConnection.isEmbedded(dataSource))) {
			throw new InvalidDispatchConfigurationException("dispatch.tenants.jdbc.initialize-schema",
					jdbc.getInitializeSchema(),
					"the starter's schema creates the table '" + DEFAULT_TABLE + "', not '" + table + "'",
					"Create '" + table + "' from the starter's schema-<platform>.sql and set "
							+ "'dispatch.tenants.jdbc.initialize-schema' to 'never'.");
		}
		return table;
	}

	// LISTEN is PostgreSQL's: set elsewhere, it would be ignored
	private static void checkListen(Jdbc jdbc, DataSource dataSource) {
		if (!jdbc.isListen()) {
			return;
		}
		boolean postgres = ClassUtils.isPresent("org.postgresql.PGConnection",
				DispatchJdbcTenantsAutoConfiguration.class.getClassLoader())
				&& DatabaseDriver.fromJdbcUrl(jdbcUrl(dataSource)) == DatabaseDriver.POSTGRESQL;
		if (!postgres) {
			throw new InvalidDispatchConfigurationException("dispatch.tenants.jdbc.listen", true,
					"LISTEN is PostgreSQL's, and the default application's database is not PostgreSQL with its "
							+ "driver on the class path",
					"Remove 'dispatch.tenants.jdbc.listen': 'dispatch.tenants.jdbc.refresh-interval' brings the "
							+ "changes.");
		}
	}

	private static @Nullable String jdbcUrl(DataSource dataSource) {
		try (Connection connection = dataSource.getConnection()) {
			return connection.getMetaData().getURL();
		}
		catch (SQLException ex) {
			// Not reachable now: trust the driver's presence
			return "jdbc:postgresql:";
		}
	}

	private static void initializeSchema(DataSource dataSource, Jdbc jdbc, String table) {
		DatabaseInitializationSettings settings = new DatabaseInitializationSettings();
		settings.setSchemaLocations(new PlatformPlaceholderDatabaseDriverResolver().resolveAll(dataSource, SCHEMA));
		settings.setMode(switch (jdbc.getInitializeSchema()) {
			case EMBEDDED -> DatabaseInitializationMode.EMBEDDED;
			case ALWAYS -> DatabaseInitializationMode.ALWAYS;
			case NEVER -> DatabaseInitializationMode.NEVER;
		});
		// PostgreSQL's trigger function has semicolons of its own
		settings.setSeparator("^;");
		new DataSourceScriptDatabaseInitializer(dataSource, settings).initializeDatabase();
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(PGConnection.class)
	@ConditionalOnBooleanProperty("dispatch.tenants.jdbc.listen")
	static class PostgresListenerConfiguration {

		@Bean
		@Role(BeanDefinition.ROLE_INFRASTRUCTURE)
		PostgresTenantListener dispatchPostgresTenantListener(DataSource dataSource, JdbcTenantRefresher refresher) {
			return new PostgresTenantListener(dataSource, refresher);
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(HealthIndicator.class)
	static class TenantTableHealthConfiguration {

		@Bean
		@Role(BeanDefinition.ROLE_INFRASTRUCTURE)
		HealthIndicator dispatchTenantsHealthIndicator(JdbcTenantRefresher refresher) {
			return () -> {
				String failure = refresher.lastFailure();
				if (failure != null) {
					return Health.down()
						.withDetail("error", failure)
						.withDetail("tenants", "running tenants keep serving; known ones start from what was read last")
						.build();
				}
				return Health.up().withDetail("refreshes", refresher.refreshes()).build();
			};
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(MeterRegistry.class)
	static class TenantTableMetricsConfiguration {

		@Bean
		@Role(BeanDefinition.ROLE_INFRASTRUCTURE)
		MeterBinder dispatchTenantsMetrics(JdbcTenantRefresher refresher) {
			return (registry) -> {
				FunctionCounter.builder("dispatch.tenants.refreshes", refresher, JdbcTenantRefresher::refreshes)
					.description("Looks at the table of tenants for changed rows")
					.tag("outcome", "success")
					.register(registry);
				FunctionCounter.builder("dispatch.tenants.refreshes", refresher, JdbcTenantRefresher::failures)
					.description("Looks at the table of tenants for changed rows")
					.tag("outcome", "failure")
					.register(registry);
				for (JdbcTenantDirectory directory : refresher.directories()) {
					for (String outcome : directory.lookups().keySet()) {
						FunctionCounter
							.builder("dispatch.tenants.lookups", directory, (counted) -> counted.lookups().get(outcome))
							.description("Look-ups of tenant keys in the table of tenants")
							.tags("group", directory.group().id(), "outcome", outcome)
							.register(registry);
					}
				}
			};
		}

	}

	/**
	 * The directories of the groups configured with {@code directory: jdbc}.
	 *
	 * @param directories the directories
	 */
	record JdbcTenantDirectories(List<JdbcTenantDirectory> directories) implements GroupDirectories {

		@Override
		public @Nullable JdbcTenantDirectory forGroup(ApplicationGroup group) {
			return this.directories.stream().filter((directory) -> directory.group() == group).findFirst().orElse(null);
		}

	}

}
