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

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Configuration properties for application dispatching.
 *
 * @author Dispatch contributors
 */
@ConfigurationProperties("dispatch")
public class DispatchProperties {

	/**
	 * Whether to dispatch requests to mounted applications.
	 */
	private boolean enabled = true;

	/**
	 * Order of the dispatch filter in the default application's filter chain. Filters
	 * ordered before it run for the mounted applications' requests too; filters ordered
	 * after it run only for the default application's requests.
	 */
	private int filterOrder = 0;

	/**
	 * How long an application whose start failed answers 503 before a request starts it
	 * again.
	 */
	private Duration startBackoff = Duration.ofSeconds(5);

	/**
	 * Maximum time to wait for an application's in-flight requests before closing it.
	 */
	private Duration shutdownTimeout = Duration.ofSeconds(30);

	/**
	 * Applications mounted under a path, by name. The name is also the application's
	 * 'spring.config.name'.
	 */
	private final Map<String, Mount> mounts = new LinkedHashMap<>();

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	public int getFilterOrder() {
		return this.filterOrder;
	}

	public void setFilterOrder(int filterOrder) {
		this.filterOrder = filterOrder;
	}

	public Duration getStartBackoff() {
		return this.startBackoff;
	}

	public void setStartBackoff(Duration startBackoff) {
		this.startBackoff = startBackoff;
	}

	public Duration getShutdownTimeout() {
		return this.shutdownTimeout;
	}

	public void setShutdownTimeout(Duration shutdownTimeout) {
		this.shutdownTimeout = shutdownTimeout;
	}

	public Map<String, Mount> getMounts() {
		return this.mounts;
	}

	/**
	 * An application mounted under a path.
	 */
	public static class Mount {

		/**
		 * Path that the application is mounted under, such as '/backend' or '/api/v2': one
		 * or more segments, no trailing slash. The application sees it as its context
		 * path.
		 */
		private @Nullable String path;

		/**
		 * Configuration classes of the application, usually its @SpringBootApplication
		 * class.
		 */
		private List<String> sources = new ArrayList<>();

		/**
		 * Profiles to activate in the application.
		 */
		private List<String> profiles = new ArrayList<>();

		/**
		 * Properties of the application. They take precedence over its config files,
		 * system properties and environment variables.
		 */
		private Map<String, String> properties = new LinkedHashMap<>();

		/**
		 * Whether to start the application with the default application rather than on
		 * its first request. A failure to start then fails the default application's
		 * start.
		 */
		private boolean eager;

		/**
		 * Whether the application's context has the default application's beans in its
		 * parent context, so that they can be injected. The default application's web
		 * layer (servlets, filters, MVC infrastructure and configurers, error handling)
		 * stays out of it.
		 */
		private boolean inheritParent;

		public @Nullable String getPath() {
			return this.path;
		}

		public void setPath(@Nullable String path) {
			this.path = path;
		}

		public List<String> getSources() {
			return this.sources;
		}

		public void setSources(List<String> sources) {
			this.sources = sources;
		}

		public List<String> getProfiles() {
			return this.profiles;
		}

		public void setProfiles(List<String> profiles) {
			this.profiles = profiles;
		}

		public Map<String, String> getProperties() {
			return this.properties;
		}

		public void setProperties(Map<String, String> properties) {
			this.properties = properties;
		}

		public boolean isEager() {
			return this.eager;
		}

		public void setEager(boolean eager) {
			this.eager = eager;
		}

		public boolean isInheritParent() {
			return this.inheritParent;
		}

		public void setInheritParent(boolean inheritParent) {
			this.inheritParent = inheritParent;
		}

	}

}
