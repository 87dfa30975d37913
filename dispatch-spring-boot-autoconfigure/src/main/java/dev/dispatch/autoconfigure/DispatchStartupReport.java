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

import java.util.List;
import java.util.stream.Collectors;

import dev.dispatch.application.ApplicationDefinition;
import dev.dispatch.application.ApplicationGroup;
import dev.dispatch.application.ApplicationLocation;
import dev.dispatch.application.DispatchedApplication;
import dev.dispatch.application.DispatchedApplicationRegistry;
import dev.dispatch.application.TenantGroupDefinition;
import dev.dispatch.autoconfigure.DispatchDefinitions.TenantGroupConfiguration;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationListener;

/**
 * Logs, once the default application is ready, what it dispatches to: each mount and
 * tenant group, its path or domain, its sources and whether it starts lazily.
 *
 * @author Dispatch contributors
 */
final class DispatchStartupReport implements ApplicationListener<ApplicationReadyEvent> {

	private static final Log logger = LogFactory.getLog(DispatchStartupReport.class);

	private final DispatchedApplicationRegistry registry;

	private final DispatchSetup setup;

	DispatchStartupReport(DispatchedApplicationRegistry registry, DispatchSetup setup) {
		this.registry = registry;
		this.setup = setup;
	}

	@Override
	public void onApplicationEvent(ApplicationReadyEvent event) {
		if (event.getApplicationContext()
			.getBeanProvider(DispatchedApplicationRegistry.class)
			.getIfAvailable() != this.registry || !logger.isInfoEnabled()) {
			return;
		}
		List<TenantGroupConfiguration> groups = this.setup.tenantGroups();
		StringBuilder report = new StringBuilder("Dispatching to " + this.registry.getMounts().size() + " mount(s) and "
				+ groups.size() + " tenant group(s)");
		for (DispatchedApplication mount : this.registry.getMounts()) {
			ApplicationDefinition definition = mount.getDefinition();
			report.append(String.format("%n  mount '%s' at %s: %s, %s", definition.name(), definition.path(),
					what(definition.sources(), definition.location()),
					definition.eager() ? "eager (" + mount.getState() + ")" : "lazy"));
		}
		for (TenantGroupConfiguration group : groups) {
			TenantGroupDefinition definition = group.definition();
			String where = (definition.group() == ApplicationGroup.SUBDOMAIN) ? "*." + group.domain()
					: group.prefix() + "/*";
			report.append(
					String.format("%n  %s tenants at %s: %s, lazy, %s, at most %d live%s", definition.group(), where,
							(group.sources().isEmpty() && group.location() == null) ? "sources from the directory"
									: what(group.sources(), group.location()),
							(group.configuredTenants() < 0) ? "tenants from a directory"
									: group.configuredTenants() + " configured tenant(s)",
							definition.maxInstances(),
							(definition.idleTimeout() != null) ? ", idle after " + definition.idleTimeout() : ""));
		}
		logger.info(report);
	}

	private static String what(List<Class<?>> sources, @Nullable ApplicationLocation location) {
		if (location != null) {
			return "from " + location.resource().getDescription()
					+ (location.sources().isEmpty() ? "" : " (" + String.join(", ", location.sources()) + ")");
		}
		return sources.stream().map(Class::getName).collect(Collectors.joining(", "));
	}

}
