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

package dev.dispatch.autoconfigure.jdbc;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

import dev.dispatch.application.DispatchedApplicationRegistry;
import dev.dispatch.application.DispatchedApplicationStartupException;
import dev.dispatch.application.StopReason;
import dev.dispatch.application.TenantGroup;
import dev.dispatch.web.ApplicationUnavailableException;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.SmartLifecycle;
import org.springframework.dao.DataAccessException;
import org.springframework.scheduling.concurrent.CustomizableThreadFactory;

/**
 * Brings the changes of the table of tenants to the tenants of this instance, on every
 * instance that reads the table: a new row is served on its key's next request, a changed
 * row restarts its tenant without downtime if it runs here, and a deleted or disabled row
 * stops it once its in-flight requests have finished.
 *
 * @author Dispatch contributors
 */
final class JdbcTenantRefresher implements SmartLifecycle {

	private static final Log logger = LogFactory.getLog(JdbcTenantRefresher.class);

	private final List<JdbcTenantDirectory> directories;

	private final ObjectProvider<DispatchedApplicationRegistry> registry;

	private final Duration interval;

	private final Map<JdbcTenantDirectory, Map<String, Long>> seen = new HashMap<>();

	private @Nullable ScheduledExecutorService executor;

	private boolean failing;

	private final LongAdder refreshes = new LongAdder();

	private final LongAdder failures = new LongAdder();

	private volatile @Nullable String lastFailure;

	JdbcTenantRefresher(List<JdbcTenantDirectory> directories, ObjectProvider<DispatchedApplicationRegistry> registry,
			Duration interval) {
		this.directories = directories;
		this.registry = registry;
		this.interval = interval;
	}

	/**
	 * Look at the table once, and bring its changes to the tenants.
	 */
	synchronized void refresh() {
		DispatchedApplicationRegistry registry = this.registry.getIfAvailable();
		if (registry == null) {
			return;
		}
		for (JdbcTenantDirectory directory : this.directories) {
			TenantGroup group = registry.getTenantGroup(directory.group());
			if (group == null) {
				continue;
			}
			Map<String, Long> versions;
			try {
				versions = directory.versions();
			}
			catch (DataAccessException ex) {
				this.failures.increment();
				this.lastFailure = ex.getMessage();
				if (!this.failing) {
					logger.warn("Failed to look for changed tenants; running tenants keep serving: " + ex.getMessage());
					this.failing = true;
				}
				return;
			}
			this.failing = false;
			this.lastFailure = null;
			this.refreshes.increment();
			Map<String, Long> seen = this.seen.put(directory, versions);
			if (seen != null) {
				versions.forEach((key, version) -> {
					if (!version.equals(seen.get(key))) {
						// New or changed: a key that named no tenant may name one now
						group.forget(key);
					}
				});
			}
			directory.readVersions().forEach((key, version) -> {
				Long now = versions.get(key);
				String id = directory.group().id() + ":" + key;
				if (now == null) {
					directory.forget(key);
					registry.stop(id, StopReason.REMOVED);
				}
				else if (!now.equals(version)) {
					restart(registry, id);
				}
			});
		}
	}

	/**
	 * Return the number of successful looks at the table so far.
	 * @return the count
	 */
	long refreshes() {
		return this.refreshes.sum();
	}

	/**
	 * Return the number of failed looks at the table so far.
	 * @return the count
	 */
	long failures() {
		return this.failures.sum();
	}

	/**
	 * Return why the last look at the table failed, if it did.
	 * @return the message, or {@code null} if it succeeded
	 */
	@Nullable String lastFailure() {
		return this.lastFailure;
	}

	List<JdbcTenantDirectory> directories() {
		return this.directories;
	}

	private void restart(DispatchedApplicationRegistry registry, String id) {
		try {
			registry.restart(id);
		}
		catch (DispatchedApplicationStartupException ex) {
			// Logged by the restart; the running instance keeps serving
		}
		catch (ApplicationUnavailableException ex) {
			// The table failed between two reads: the next refresh tries again
			logger.debug("Failed to restart " + id + ": " + ex.getMessage());
		}
	}

	@Override
	public synchronized void start() {
		if (this.interval.isZero() || this.interval.isNegative()) {
			return;
		}
		CustomizableThreadFactory threads = new CustomizableThreadFactory("dispatch-tenants-");
		threads.setDaemon(true);
		ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(threads);
		long millis = this.interval.toMillis();
		executor.scheduleWithFixedDelay(this::refreshLogged, millis, millis, TimeUnit.MILLISECONDS);
		this.executor = executor;
	}

	private void refreshLogged() {
		try {
			refresh();
		}
		catch (RuntimeException ex) {
			logger.warn("Failed to bring the changes of the table of tenants to the tenants", ex);
		}
	}

	@Override
	public synchronized void stop() {
		if (this.executor != null) {
			this.executor.shutdownNow();
			this.executor = null;
		}
	}

	@Override
	public synchronized boolean isRunning() {
		return this.executor != null;
	}

}
