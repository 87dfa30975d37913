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

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.dispatch.application.ApplicationDefinition;
import dev.dispatch.application.ApplicationGroup;
import dev.dispatch.autoconfigure.DispatchDefinitions.TenantGroupConfiguration;
import dev.dispatch.autoconfigure.DispatchProperties.Directory;
import dev.dispatch.autoconfigure.DispatchProperties.Tenants;
import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;

/**
 * What the default application dispatches to, as its properties and its
 * {@link TenantDirectory} beans say: the mounts, and the tenant groups with their
 * directories.
 *
 * @param mounts the mounts, by path
 * @param subdomain the subdomain tenant group, if configured
 * @param path the path tenant group, if configured
 * @author Dispatch contributors
 */
record DispatchSetup(Map<String, ApplicationDefinition> mounts, @Nullable TenantGroupConfiguration subdomain,
		@Nullable TenantGroupConfiguration path) {

	/**
	 * Read what the default application dispatches to.
	 * @param properties the dispatch properties
	 * @param directories the {@link TenantDirectory} beans, by name
	 * @param classLoader the class loader of the applications' sources
	 * @return the setup
	 * @throws InvalidDispatchConfigurationException if a property is invalid
	 */
	static DispatchSetup of(DispatchProperties properties, Map<String, TenantDirectory> directories,
			@Nullable GroupDirectories jdbc, ClassLoader classLoader) {
		boolean reuse = properties.getOptimizations().isEnabled();
		Map<String, ApplicationDefinition> mounts = DispatchDefinitions.mounts(properties, classLoader);
		TenantDirectory subdomainDirectory = directory(directories,
				DispatchAutoConfiguration.SUBDOMAIN_TENANT_DIRECTORY_BEAN_NAME, properties.getSubdomain(),
				ApplicationGroup.SUBDOMAIN, jdbc);
		TenantGroupConfiguration subdomain = DispatchDefinitions.subdomain(properties, subdomainDirectory, reuse,
				classLoader);
		TenantDirectory pathDirectory = directory(directories,
				DispatchAutoConfiguration.PATH_TENANT_DIRECTORY_BEAN_NAME, properties.getPath(), ApplicationGroup.PATH,
				jdbc);
		TenantGroupConfiguration path = DispatchDefinitions
			.path(properties, pathDirectory,
					directories.containsKey(DispatchAutoConfiguration.PATH_TENANT_DIRECTORY_BEAN_NAME)
							|| properties.getPath().getDirectory() == Directory.JDBC,
					mounts.values(), reuse, classLoader);
		return new DispatchSetup(mounts, subdomain, path);
	}

	/**
	 * Return the directory of a group: a {@link TenantDirectory} bean of the user's, else
	 * the table of tenants when the group's directory is {@code jdbc}.
	 */
	private static @Nullable TenantDirectory directory(Map<String, TenantDirectory> directories, String beanName,
			Tenants tenants, ApplicationGroup group, @Nullable GroupDirectories jdbc) {
		TenantDirectory directory = directory(directories, beanName);
		if (directory != null || tenants.getDirectory() != Directory.JDBC) {
			return directory;
		}
		TenantDirectory table = (jdbc != null) ? jdbc.forGroup(group) : null;
		if (table == null) {
			String property = group.configurationPrefix() + ".directory";
			throw new InvalidDispatchConfigurationException(property, "jdbc",
					"the table of tenants is in the default application's database, and it has none",
					"Add spring-boot-starter-jdbc and your database's driver to the default application, and set "
							+ "'spring.datasource.url', or set '" + property + "' to 'properties'.");
		}
		return table;
	}

	/**
	 * Return the directory of a group: the bean named for it, else the only
	 * {@link TenantDirectory} bean that is named for no group.
	 */
	private static @Nullable TenantDirectory directory(Map<String, TenantDirectory> directories, String beanName) {
		TenantDirectory named = directories.get(beanName);
		if (named != null) {
			return named;
		}
		List<String> shared = new ArrayList<>(directories.keySet());
		shared.remove(DispatchAutoConfiguration.SUBDOMAIN_TENANT_DIRECTORY_BEAN_NAME);
		shared.remove(DispatchAutoConfiguration.PATH_TENANT_DIRECTORY_BEAN_NAME);
		Assert.state(shared.size() <= 1,
				() -> "Found TenantDirectory beans " + shared + ": name the one for the " + "subdomain tenants '"
						+ DispatchAutoConfiguration.SUBDOMAIN_TENANT_DIRECTORY_BEAN_NAME
						+ "' and the one for the path tenants '"
						+ DispatchAutoConfiguration.PATH_TENANT_DIRECTORY_BEAN_NAME + "'");
		return shared.isEmpty() ? null : directories.get(shared.get(0));
	}

	/**
	 * Return the configured tenant groups.
	 * @return the groups
	 */
	List<TenantGroupConfiguration> tenantGroups() {
		List<TenantGroupConfiguration> groups = new ArrayList<>();
		if (this.subdomain != null) {
			groups.add(this.subdomain);
		}
		if (this.path != null) {
			groups.add(this.path);
		}
		return groups;
	}

}
