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

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;

/**
 * What a dispatched application is made of. For internal use only.
 *
 * @param group the group of the application
 * @param name the application's name (a mount's name, a tenant's key), also its
 * {@code spring.config.name}
 * @param path the path it is mounted under, appended to the default application's context
 * path to form its own ({@code ""} for a subdomain tenant)
 * @param sources its configuration classes
 * @param profiles its active profiles
 * @param properties its properties, highest precedence first
 * @param inheritParent whether its parent context holds the default application's beans
 * @param reuseConfiguration whether it may reuse the configuration processing of the
 * first application of its template, and record its own for the next ones
 * @param eager whether it starts with the default application
 * @param shareSession whether it shares the default application's session attributes
 * rather than having a namespace of its own
 * @param guardedByDefaultApplication whether the default application's security decides
 * who the user of its requests is, rather than the application itself
 * @param location where it is, if it runs in a class loader of its own rather than from
 * the default application's class path
 * @param maxConcurrentRequests how many requests it serves at once at the most, {@code 0}
 * for no limit
 * @author Dispatch contributors
 */
public record ApplicationDefinition(ApplicationGroup group, String name, String path, List<Class<?>> sources,
		List<String> profiles, Map<String, String> properties, boolean inheritParent, boolean reuseConfiguration,
		boolean eager, boolean shareSession, boolean guardedByDefaultApplication,
		@Nullable ApplicationLocation location, int maxConcurrentRequests) {

	/**
	 * Return the application's id: its name for a mount, {@code group:key} for a tenant.
	 * @return the id
	 */
	public String id() {
		return (this.group == ApplicationGroup.MOUNTS) ? this.name : this.group.id() + ":" + this.name;
	}

	/**
	 * Return how logs and errors refer to the application.
	 * @return a description such as {@code mount 'backend'} or {@code path tenant 'acme'}
	 */
	public String description() {
		return ((this.group == ApplicationGroup.MOUNTS) ? "mount" : this.group.id() + " tenant") + " '" + this.name
				+ "'";
	}

	/**
	 * Return the prefix of the application's own {@code dispatch.*} properties.
	 * @return a prefix such as {@code dispatch.mounts.backend} or
	 * {@code dispatch.path.tenants.acme}
	 */
	public String configurationPrefix() {
		return this.group.configurationPrefix() + ((this.group == ApplicationGroup.MOUNTS) ? "." : ".tenants.")
				+ this.name;
	}

	/**
	 * Start building the definition of an application.
	 * @param group its group
	 * @param name its name
	 * @return a builder
	 */
	public static Builder builder(ApplicationGroup group, String name) {
		return new Builder(group, name);
	}

	/**
	 * Builds an {@link ApplicationDefinition}.
	 */
	public static final class Builder {

		private final ApplicationGroup group;

		private final String name;

		private String path = "";

		private List<Class<?>> sources = new ArrayList<>();

		private final List<String> profiles = new ArrayList<>();

		private final Map<String, String> properties = new LinkedHashMap<>();

		private boolean inheritParent;

		private boolean reuseConfiguration;

		private boolean eager;

		private boolean shareSession;

		private boolean guardedByDefaultApplication;

		private @Nullable ApplicationLocation location;

		private int maxConcurrentRequests;

		private Builder(ApplicationGroup group, String name) {
			this.group = group;
			this.name = name;
		}

		public Builder path(String path) {
			this.path = path;
			return this;
		}

		public Builder sources(List<Class<?>> sources) {
			this.sources = new ArrayList<>(sources);
			return this;
		}

		public Builder profiles(List<String> profiles) {
			this.profiles.addAll(profiles);
			return this;
		}

		/**
		 * Add properties, which take precedence over those added before.
		 * @param properties the properties
		 * @return this builder
		 */
		public Builder properties(Map<String, String> properties) {
			this.properties.putAll(properties);
			return this;
		}

		public Builder property(String name, String value) {
			this.properties.put(name, value);
			return this;
		}

		public Builder inheritParent(boolean inheritParent) {
			this.inheritParent = inheritParent;
			return this;
		}

		public Builder reuseConfiguration(boolean reuseConfiguration) {
			this.reuseConfiguration = reuseConfiguration;
			return this;
		}

		public Builder eager(boolean eager) {
			this.eager = eager;
			return this;
		}

		public Builder shareSession(boolean shareSession) {
			this.shareSession = shareSession;
			return this;
		}

		public Builder guardedByDefaultApplication(boolean guardedByDefaultApplication) {
			this.guardedByDefaultApplication = guardedByDefaultApplication;
			return this;
		}

		public Builder location(@Nullable ApplicationLocation location) {
			this.location = location;
			return this;
		}

		public Builder maxConcurrentRequests(int maxConcurrentRequests) {
			this.maxConcurrentRequests = maxConcurrentRequests;
			return this;
		}

		public ApplicationDefinition build() {
			Assert.state(this.group != ApplicationGroup.MOUNTS || !this.path.isEmpty(), "A mount needs a path");
			return new ApplicationDefinition(this.group, this.name, this.path, List.copyOf(this.sources),
					List.copyOf(this.profiles), Collections.unmodifiableMap(new LinkedHashMap<>(this.properties)),
					this.inheritParent, this.reuseConfiguration, this.eager, this.shareSession,
					this.guardedByDefaultApplication, this.location, this.maxConcurrentRequests);
		}

	}

}
