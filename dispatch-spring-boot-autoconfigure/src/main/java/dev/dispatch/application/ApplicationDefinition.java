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

import java.util.List;
import java.util.Map;

import dev.dispatch.autoconfigure.DispatchProperties.Security;

/**
 * What a dispatched application is made of.
 *
 * @param group the group of the application: {@code mounts}, {@code subdomain} or
 * {@code path}
 * @param name the application's name, also its {@code spring.config.name}
 * @param description how logs and errors refer to it, such as {@code mount 'backend'}
 * @param configurationPrefix the prefix of its {@code dispatch.*} properties
 * @param path the path it is mounted under, appended to the default application's context
 * path to form its own
 * @param sources its configuration classes
 * @param profiles its active profiles
 * @param properties its properties, highest precedence first
 * @param inheritParent whether its parent context holds the default application's beans
 * @param reuseConfiguration whether it may reuse the configuration processing of the first
 * application of its template, and record its own for the next ones
 * @param eager whether it starts with the default application
 * @param shareSession whether it shares the default application's session attributes
 * rather than having a namespace of its own
 * @param security who decides who the user of its requests is
 * @author Dispatch contributors
 */
public record ApplicationDefinition(String group, String name, String description, String configurationPrefix, String path,
		List<Class<?>> sources, List<String> profiles, Map<String, String> properties, boolean inheritParent,
		boolean reuseConfiguration, boolean eager, boolean shareSession, Security security) {

	public static final String MOUNTS = "mounts";

	/**
	 * Return the application's id: its name for a mount, {@code group:key} for a tenant.
	 * @return the id
	 */
	public String id() {
		return this.group.equals(MOUNTS) ? this.name : this.group + ":" + this.name;
	}

}
