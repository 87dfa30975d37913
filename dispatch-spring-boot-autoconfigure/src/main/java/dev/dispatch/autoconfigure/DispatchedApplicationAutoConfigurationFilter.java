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

import java.util.Set;

import dev.dispatch.context.StartInternals;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.autoconfigure.AutoConfigurationImportFilter;
import org.springframework.boot.autoconfigure.AutoConfigurationMetadata;
import org.springframework.context.EnvironmentAware;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.Environment;

/**
 * Leaves out, in dispatched applications only, the auto-configurations that bind to what
 * the whole process shares: the JVM, the process, logging, JMX and the web server. They
 * belong to the default application, whose metrics already cover them. Bound again by
 * each dispatched application, they would count everything twice and keep closed
 * applications reachable: Micrometer's {@code LogbackMetrics}, for one, leaves a listener
 * on Logback's context that refers to its meter registry. A dispatched application never
 * starts a web server, so the server factory and its customizers would only cost every
 * tenant time and memory.
 * <p>
 * An application that the default application's security guards leaves out Spring Boot's
 * security auto-configurations too, which would otherwise secure it on their own, with a
 * generated password, because Spring Security is on the class path that it shares with
 * the default application.
 * <p>
 * Spring Session's auto-configurations are left out too: every application's sessions are
 * the container's, which the default application's Spring Session, when it has one,
 * keeps. A dispatched application that found a {@code DataSource} (its own, or the
 * default application's through {@code inherit-parent}) would otherwise wrap its requests
 * in sessions of a store of its own, under the same cookie as the default application's.
 *
 * @author Dispatch contributors
 */
class DispatchedApplicationAutoConfigurationFilter implements AutoConfigurationImportFilter, EnvironmentAware {

	static final Set<String> PROCESS_WIDE = Set.of(
			"org.springframework.boot.autoconfigure.admin.SpringApplicationAdminJmxAutoConfiguration",
			"org.springframework.boot.autoconfigure.jmx.JmxAutoConfiguration",
			"org.springframework.boot.actuate.autoconfigure.endpoint.jmx.JmxEndpointAutoConfiguration",
			"org.springframework.boot.micrometer.metrics.autoconfigure.export.jmx.JmxMetricsExportAutoConfiguration",
			"org.springframework.boot.micrometer.metrics.autoconfigure.jvm.JvmMetricsAutoConfiguration",
			"org.springframework.boot.micrometer.metrics.autoconfigure.system.SystemMetricsAutoConfiguration",
			"org.springframework.boot.micrometer.metrics.autoconfigure.logging.logback.LogbackMetricsAutoConfiguration",
			"org.springframework.boot.micrometer.metrics.autoconfigure.logging.log4j2.Log4J2MetricsAutoConfiguration",
			"org.springframework.boot.tomcat.autoconfigure.servlet.TomcatServletWebServerAutoConfiguration",
			"org.springframework.boot.tomcat.autoconfigure.reactive.TomcatReactiveWebServerAutoConfiguration",
			"org.springframework.boot.tomcat.autoconfigure.actuate.web.server.TomcatServletManagementContextAutoConfiguration",
			"org.springframework.boot.tomcat.autoconfigure.actuate.web.server.TomcatReactiveManagementContextAutoConfiguration",
			"org.springframework.boot.tomcat.autoconfigure.metrics.TomcatMetricsAutoConfiguration",
			"org.springframework.boot.jetty.autoconfigure.servlet.JettyServletWebServerAutoConfiguration",
			"org.springframework.boot.jetty.autoconfigure.reactive.JettyReactiveWebServerAutoConfiguration",
			"org.springframework.boot.jetty.autoconfigure.actuate.web.server.JettyServletManagementContextAutoConfiguration",
			"org.springframework.boot.jetty.autoconfigure.actuate.web.server.JettyReactiveManagementContextAutoConfiguration",
			"org.springframework.boot.jetty.autoconfigure.metrics.JettyMetricsAutoConfiguration");

	// Every Spring Boot security auto-configuration, the servlet, OAuth2 and Actuator
	// ones included, is in a package under this one (Spring Boot 4.1)
	static final String SECURITY_PACKAGE = "org.springframework.boot.security.";

	// Every Spring Boot Spring Session auto-configuration, the stores' included, is in a
	// package under this one (Spring Boot 4.1)
	static final String SESSION_PACKAGE = "org.springframework.boot.session.";

	private @Nullable Environment environment;

	@Override
	public void setEnvironment(Environment environment) {
		this.environment = environment;
	}

	@Override
	public boolean[] match(@Nullable String[] autoConfigurationClasses,
			AutoConfigurationMetadata autoConfigurationMetadata) {
		boolean dispatched = isDispatchedApplication();
		boolean guarded = dispatched && isGuardedByTheDefaultApplication();
		boolean[] matches = new boolean[autoConfigurationClasses.length];
		for (int i = 0; i < autoConfigurationClasses.length; i++) {
			// Earlier filters leave null where they have left a candidate out already
			String candidate = autoConfigurationClasses[i];
			matches[i] = !dispatched || candidate == null || !(PROCESS_WIDE.contains(candidate)
					|| candidate.startsWith(SESSION_PACKAGE) || (guarded && candidate.startsWith(SECURITY_PACKAGE)));
		}
		return matches;
	}

	private boolean isDispatchedApplication() {
		return this.environment instanceof ConfigurableEnvironment configurable
				&& configurable.getPropertySources().contains(StartInternals.PROPERTY_SOURCE_NAME);
	}

	private boolean isGuardedByTheDefaultApplication() {
		return this.environment != null
				&& "default-application".equals(this.environment.getProperty(StartInternals.SECURITY_PROPERTY));
	}

}
