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

import java.util.Collection;
import java.util.List;

import dev.dispatch.application.DispatchedApplicationRegistry;
import dev.dispatch.application.TenantGroup;
import dev.dispatch.autoconfigure.DispatchDefinitions.TenantGroupConfiguration;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationContext;
import org.springframework.context.ApplicationContextAware;
import org.springframework.context.ApplicationListener;

/**
 * Starts the tenants of the groups with {@code prestart: true} once the default
 * application is ready, on a thread of its own: each tenant's look-up and start run in
 * the background, behind every start that a request waits for, as many as the group has
 * room for.
 *
 * @author Dispatch contributors
 */
final class TenantPrestart implements ApplicationListener<ApplicationReadyEvent>, ApplicationContextAware {

	private static final Log logger = LogFactory.getLog(TenantPrestart.class);

	private final DispatchedApplicationRegistry registry;

	private final List<TenantGroupConfiguration> groups;

	private @Nullable ApplicationContext context;

	TenantPrestart(DispatchedApplicationRegistry registry, List<TenantGroupConfiguration> groups) {
		this.registry = registry;
		this.groups = groups.stream().filter(TenantGroupConfiguration::prestart).toList();
	}

	@Override
	public void setApplicationContext(ApplicationContext context) {
		this.context = context;
	}

	/**
	 * List each group's tenants, and start them on a thread of the group's own.
	 * @param event the default application is ready
	 * @throws InvalidDispatchConfigurationException if a group's directory cannot list
	 * its tenants
	 */
	@Override
	public void onApplicationEvent(ApplicationReadyEvent event) {
		// Not the ready events of dispatched applications whose parent this context is
		if (event.getApplicationContext() != this.context) {
			return;
		}
		for (TenantGroupConfiguration configuration : this.groups) {
			String prefix = configuration.definition().group().configurationPrefix();
			TenantGroup group = this.registry.getTenantGroup(configuration.definition().group());
			Collection<String> keys = list(prefix, configuration);
			if (group != null && keys != null) {
				Thread thread = new Thread(() -> {
					int asked = group.startInBackground(keys);
					logger.info("Pre-starting " + asked + " of the " + keys.size() + " tenants of the " + prefix
							+ " group");
				}, "dispatch-prestart-" + configuration.definition().group().id());
				thread.setDaemon(true);
				thread.start();
			}
		}
	}

	private static @Nullable Collection<String> list(String prefix, TenantGroupConfiguration configuration) {
		Collection<String> keys;
		try {
			keys = configuration.keys().get();
		}
		catch (RuntimeException ex) {
			logger.warn("Failed to list the tenants of the " + prefix + " group to pre-start them; they start on "
					+ "their first requests", ex);
			return null;
		}
		if (keys == null) {
			throw new InvalidDispatchConfigurationException(prefix + ".prestart", true,
					"the group's TenantDirectory cannot list its tenants",
					"Implement TenantDirectory.tenantKeys() in the directory, or remove '" + prefix + ".prestart'.");
		}
		return List.copyOf(keys);
	}

}
