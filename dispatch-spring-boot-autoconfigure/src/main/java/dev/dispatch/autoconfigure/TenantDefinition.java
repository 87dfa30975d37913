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

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a tenant's application is made of, in addition to what its group gives every
 * tenant.
 *
 * @param properties the tenant's properties, which take precedence over its group's
 * @param profiles profiles to activate in addition to its group's
 * @param sources configuration classes to use instead of its group's, or none to use its
 * group's
 * @author Dispatch contributors
 * @see TenantDirectory
 */
public record TenantDefinition(Map<String, String> properties, List<String> profiles, List<Class<?>> sources) {

	/**
	 * A tenant with nothing of its own: its group's sources, profiles and properties.
	 */
	public static final TenantDefinition DEFAULT = new TenantDefinition(Map.of(), List.of(), List.of());

	public TenantDefinition {
		properties = Collections.unmodifiableMap(new LinkedHashMap<>(properties));
		profiles = List.copyOf(profiles);
		sources = List.copyOf(sources);
	}

	/**
	 * Return a tenant with properties of its own.
	 * @param properties the tenant's properties
	 * @return the tenant's definition
	 */
	public static TenantDefinition of(Map<String, String> properties) {
		return new TenantDefinition(properties, List.of(), List.of());
	}

}
