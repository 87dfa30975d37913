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

/**
 * The groups of dispatched applications: the mounts, and the two tenant groups. A group's
 * name is the one of its {@code dispatch.*} properties, of its endpoint ids
 * ({@code subdomain:acme}) and of its metric tags. For internal use only.
 *
 * @author Dispatch contributors
 */
public enum ApplicationGroup {

	/**
	 * Applications mounted under a path ({@code dispatch.mounts.*}).
	 */
	MOUNTS("mounts"),

	/**
	 * Tenants dispatched by subdomain ({@code dispatch.subdomain.*}).
	 */
	SUBDOMAIN("subdomain"),

	/**
	 * Tenants dispatched by path ({@code dispatch.path.*}).
	 */
	PATH("path");

	private final String id;

	ApplicationGroup(String id) {
		this.id = id;
	}

	/**
	 * Return the group's name as properties, ids and metrics spell it.
	 * @return the name, such as {@code subdomain}
	 */
	public String id() {
		return this.id;
	}

	/**
	 * Return the prefix of the group's properties.
	 * @return the prefix, such as {@code dispatch.subdomain}
	 */
	public String configurationPrefix() {
		return "dispatch." + this.id;
	}

	@Override
	public String toString() {
		return this.id;
	}

}
