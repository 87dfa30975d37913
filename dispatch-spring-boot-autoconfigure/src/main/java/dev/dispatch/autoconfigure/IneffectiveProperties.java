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

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.dispatch.application.ApplicationDefinition;
import dev.dispatch.context.EnvironmentCheck;
import dev.dispatch.context.StartInternals;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.env.OriginTrackedMapPropertySource;
import org.springframework.boot.origin.Origin;
import org.springframework.boot.origin.OriginLookup;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.EnumerablePropertySource;
import org.springframework.core.env.PropertySource;

/**
 * The properties that have no effect in a dispatched application, because what they
 * configure is the process's or the default application's. Set in an application's own
 * properties or config files, each fails its start with an
 * {@link InvalidDispatchConfigurationException} that says where it is set and what to do
 * instead, rather than being silently ignored. The same keys set for the whole process
 * (system properties, environment variables) configure the default application and are
 * left alone.
 *
 * @author Dispatch contributors
 */
final class IneffectiveProperties implements EnvironmentCheck {

	private static final Log logger = LogFactory.getLog(IneffectiveProperties.class);

	private static final String ON_THE_DEFAULT_APPLICATION = "Set it on the default application, where it applies "
			+ "to every application, and remove it from %s.";

	private static final String REMOVE = "Remove it from %s.";

	private static final List<Rule> RULES = List.of(
			new Rule("server.", "the default application's server serves every application",
					ON_THE_DEFAULT_APPLICATION),
			new Rule("logging.", "the default application configures logging for the whole process",
					"Set it on the default application (logging.level.<package> sets the level of the application's "
							+ "own loggers) and remove it from %s."),
			new Rule("debug", "the default application configures logging for the whole process",
					ON_THE_DEFAULT_APPLICATION),
			new Rule("trace", "the default application configures logging for the whole process",
					ON_THE_DEFAULT_APPLICATION),
			new Rule("spring.servlet.multipart.max-file-size",
					"the container parses multipart requests with the default application's limits",
					ON_THE_DEFAULT_APPLICATION),
			new Rule("spring.servlet.multipart.max-request-size",
					"the container parses multipart requests with the default application's limits",
					ON_THE_DEFAULT_APPLICATION),
			new Rule("spring.servlet.multipart.file-size-threshold",
					"the container parses multipart requests with the default application's limits",
					ON_THE_DEFAULT_APPLICATION),
			new Rule("spring.servlet.multipart.location",
					"the container parses multipart requests with the default application's limits",
					ON_THE_DEFAULT_APPLICATION),
			new Rule("management.server.",
					"a dispatched application's endpoints are served by the default application's server, under the "
							+ "application's path",
					REMOVE),
			new Rule("spring.session.", "the default application's Spring Session keeps every application's sessions",
					ON_THE_DEFAULT_APPLICATION),
			new Rule("spring.jmx.", "JMX is the default application's", ON_THE_DEFAULT_APPLICATION),
			new Rule("spring.application.admin.", "JMX is the default application's", ON_THE_DEFAULT_APPLICATION),
			new Rule("spring.main.banner-mode", "a dispatched application prints no banner", REMOVE),
			new Rule("spring.banner.", "a dispatched application prints no banner", REMOVE),
			new Rule("spring.main.register-shutdown-hook", "the default application closes its dispatched applications",
					REMOVE),
			new Rule("spring.main.web-application-type", "a dispatched application is a servlet web application",
					REMOVE),
			new Rule("spring.mvc.servlet.load-on-startup",
					"a dispatched application's DispatcherServlet starts with the application", REMOVE),
			new Rule("dispatch.", "dispatching does not nest", REMOVE));

	// What the dispatcher itself tells every application
	private static final Set<String> DISPATCHER_PROPERTIES = Set.of("dispatch.enabled", "dispatch.tenant",
			StartInternals.SECURITY_PROPERTY);

	/**
	 * Fail if the application's own properties or config files set a property that has no
	 * effect in it.
	 * @param environment the application's environment, its config files loaded
	 * @param definition the application
	 * @throws InvalidDispatchConfigurationException for the first such property
	 */
	@Override
	public void check(ConfigurableEnvironment environment, ApplicationDefinition definition) {
		for (PropertySource<?> source : environment.getPropertySources()) {
			boolean own = source.getName().equals(StartInternals.PROPERTY_SOURCE_NAME);
			if ((own || source instanceof OriginTrackedMapPropertySource)
					&& source instanceof EnumerablePropertySource<?> enumerable) {
				for (String name : enumerable.getPropertyNames()) {
					Rule rule = ruleFor(name);
					if (rule != null) {
						String where = own ? "the properties of the " + definition.description()
								: where(source, name) + " of the " + definition.description();
						throw new InvalidDispatchConfigurationException(name, source.getProperty(name),
								"it is set in " + where + ", where it has no effect: " + rule.reason(),
								rule.action().formatted(where));
					}
				}
			}
		}
	}

	/**
	 * Fail if the properties of an application of a class loader of its own set a
	 * property that has no effect in it, and log what its own config files set to no
	 * effect: they were written for it to run on its own, where they had one.
	 * @param definition the application
	 * @param configFileProperties where each property of its config files is set
	 * @throws InvalidDispatchConfigurationException for the first such property of its
	 * properties
	 */
	@Override
	public void check(ApplicationDefinition definition, Map<String, String> configFileProperties) {
		definition.properties().forEach((name, value) -> {
			Rule rule = ruleFor(name);
			if (rule != null) {
				String where = "the properties of the " + definition.description();
				throw new InvalidDispatchConfigurationException(name, value,
						"it is set in " + where + ", where it has no effect: " + rule.reason(),
						rule.action().formatted(where));
			}
		});
		Map<String, String> ignored = new LinkedHashMap<>();
		configFileProperties.forEach((name, where) -> {
			Rule rule = ruleFor(name);
			if (rule != null && !definition.properties().containsKey(name)) {
				ignored.put(name, where + ": " + rule.reason());
			}
		});
		if (!ignored.isEmpty()) {
			logger.warn("The " + definition.description() + " ignores what its config files set for running on "
					+ "its own: " + ignored);
		}
	}

	private static @Nullable Rule ruleFor(String name) {
		if (DISPATCHER_PROPERTIES.contains(name)) {
			return null;
		}
		for (Rule rule : RULES) {
			if (rule.key().endsWith(".") ? name.startsWith(rule.key()) : name.equals(rule.key())) {
				return rule;
			}
		}
		return null;
	}

	private static String where(PropertySource<?> source, String name) {
		Origin origin = (source instanceof OriginLookup<?>) ? OriginLookup.getOrigin(source, name) : null;
		return (origin != null) ? origin.toString() : source.getName();
	}

	/**
	 * Properties that have no effect in a dispatched application.
	 *
	 * @param key a property name, or a prefix that ends with a dot
	 * @param reason why they have no effect
	 * @param action what to do instead, with a {@code %s} for where it is set
	 */
	private record Rule(String key, String reason, String action) {
	}

}
