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

import java.util.stream.Collectors;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationListener;
import dev.dispatch.application.ApplicationDefinition;
import dev.dispatch.application.DispatchedApplication;
import dev.dispatch.application.DispatchedApplicationRegistry;
import dev.dispatch.application.TenantGroup;
import dev.dispatch.application.TenantGroupDefinition;

/**
 * Logs, once the default application is ready, what it dispatches to: each mount and
 * tenant group, its path or domain, its sources and whether it starts lazily.
 *
 * @author Dispatch contributors
 */
final class DispatchStartupReport implements ApplicationListener<ApplicationReadyEvent> {

	private static final Log logger = LogFactory.getLog(DispatchStartupReport.class);

	private final DispatchedApplicationRegistry applications;

	DispatchStartupReport(DispatchedApplicationRegistry applications) {
		this.applications = applications;
	}

	@Override
	public void onApplicationEvent(ApplicationReadyEvent event) {
		if (event.getApplicationContext().getBeanProvider(DispatchedApplicationRegistry.class).getIfAvailable() != this.applications
				|| !logger.isInfoEnabled()) {
			return;
		}
		StringBuilder report = new StringBuilder("Dispatching to " + this.applications.getMounts().size()
				+ " mount(s) and " + this.applications.getTenantGroups().size() + " tenant group(s)");
		for (DispatchedApplication mount : this.applications.getMounts()) {
			ApplicationDefinition definition = mount.getDefinition();
			report.append(String.format("%n  mount '%s' at %s: %s, %s", definition.name(), definition.path(),
					sources(definition.sources()), definition.eager() ? "eager (" + mount.getState() + ")" : "lazy"));
		}
		for (TenantGroup group : this.applications.getTenantGroups()) {
			TenantGroupDefinition definition = group.getDefinition();
			String where = definition.name().equals(TenantGroupDefinition.SUBDOMAIN) ? "*." + definition.domain()
					: definition.prefix() + "/*";
			report.append(String.format("%n  %s tenants at %s: %s, lazy, %s, at most %d live%s", definition.name(),
					where, definition.sources().isEmpty() ? "sources from the directory" : sources(definition.sources()),
					definition.tenants().isEmpty() ? "tenants from a directory"
							: definition.tenants().size() + " configured tenant(s)",
					definition.maxInstances(),
					(definition.idleTimeout() != null) ? ", idle after " + definition.idleTimeout() : ""));
		}
		logger.info(report);
	}

	private static String sources(java.util.List<Class<?>> sources) {
		return sources.stream().map(Class::getName).collect(Collectors.joining(", "));
	}

}
