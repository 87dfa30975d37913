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

package dev.dispatch.application;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import dev.dispatch.autoconfigure.DispatchProperties.Security;
import dev.dispatch.autoconfigure.DispatchProperties.UnknownTenant;
import dev.dispatch.autoconfigure.TenantDefinition;

/**
 * What a group of tenants is made of.
 *
 * @param name the group's name, {@code subdomain} or {@code path}
 * @param sources the template application's configuration classes
 * @param profiles the profiles of every tenant
 * @param properties the properties of every tenant
 * @param tenants the tenants listed in the configuration, by key
 * @param maxInstances the maximum number of live tenant applications
 * @param idleTimeout the time after which an unused tenant is closed, if any
 * @param inheritParent whether tenants inherit the default application's beans
 * @param reuseConfiguration whether tenants reuse the configuration processing of the
 * first of their template
 * @param domain the domain whose subdomains are tenants, for the subdomain group
 * @param unknown what happens to requests for unknown subdomains
 * @param prefix the path before the tenant's segment, for the path group
 * @param security who decides who the user of the tenants' requests is
 * @author Dispatch contributors
 */
public record TenantGroupDefinition(String name, List<Class<?>> sources, List<String> profiles, Map<String, String> properties,
		Map<String, TenantDefinition> tenants, int maxInstances, @Nullable Duration idleTimeout, boolean inheritParent,
		boolean reuseConfiguration, @Nullable String domain, UnknownTenant unknown, String prefix,
		Security security) {

	public static final String SUBDOMAIN = "subdomain";

	public static final String PATH = "path";

	String configurationPrefix() {
		return "dispatch." + this.name;
	}

}
