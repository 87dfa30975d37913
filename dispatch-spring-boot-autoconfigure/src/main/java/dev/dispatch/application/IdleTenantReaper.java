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

import java.lang.ref.WeakReference;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import com.github.benmanes.caffeine.cache.Scheduler;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

/**
 * Stops the tenants of a group that served no request for the group's idle timeout, and
 * checks again when the next one may have, or within a second of it: a tenant stops at
 * most a second late, or one timeout late when that is shorter. Each tenant keeps the
 * time of its last use itself, so a request costs no bookkeeping here.
 *
 * @author Dispatch contributors
 */
final class IdleTenantReaper {

	private static final Log logger = LogFactory.getLog(IdleTenantReaper.class);

	// How late an idle tenant may stop, at most: as Caffeine's timer wheel, about 1s
	private static final long TOLERANCE = TimeUnit.SECONDS.toNanos(1);

	private final ApplicationGroup group;

	private final Map<String, DispatchedApplication> tenants;

	private final long idleTimeout;

	private final Stopper stopper;

	// Guarded by this
	private @Nullable Future<?> check;

	private boolean cancelled;

	/**
	 * Create a reaper.
	 * @param group the group
	 * @param tenants the group's tenants by key, which the reaper reads
	 * @param idleTimeout the idle timeout
	 * @param stopper stops an idle tenant, if it is still the group's
	 */
	IdleTenantReaper(ApplicationGroup group, Map<String, DispatchedApplication> tenants, Duration idleTimeout,
			Stopper stopper) {
		this.group = group;
		this.tenants = tenants;
		this.idleTimeout = idleTimeout.toNanos();
		this.stopper = stopper;
	}

	/**
	 * Check for idle tenants one timeout from now, and then on.
	 */
	synchronized void start() {
		this.cancelled = false;
		schedule(this.idleTimeout);
	}

	/**
	 * Stop checking.
	 */
	synchronized void cancel() {
		this.cancelled = true;
		schedule(0);
	}

	private void stopIdleTenants() {
		long next = this.idleTimeout;
		try {
			long now = System.nanoTime();
			for (Map.Entry<String, DispatchedApplication> entry : this.tenants.entrySet()) {
				DispatchedApplication tenant = entry.getValue();
				long lastUsed = tenant.getLastUsed();
				// Read once: a tenant that is starting, or stopped since, has none
				if (lastUsed != Long.MAX_VALUE) {
					long idleFor = now - lastUsed;
					if (idleFor >= this.idleTimeout) {
						this.stopper.stop(entry.getKey(), tenant);
					}
					else {
						next = Math.min(next, this.idleTimeout - idleFor);
					}
				}
			}
		}
		catch (RuntimeException ex) {
			logger.warn("Failed to stop the idle tenants of the " + this.group.configurationPrefix() + " group", ex);
		}
		finally {
			synchronized (this) {
				schedule(Math.max(next, Math.min(TOLERANCE, this.idleTimeout)));
			}
		}
	}

	// Check after the given delay, in place of any check scheduled before, unless
	// cancelled. Called with this held.
	private void schedule(long delay) {
		Future<?> previous = this.check;
		if (previous != null) {
			previous.cancel(false);
		}
		this.check = !this.cancelled ? Scheduler.systemScheduler()
			.schedule(ForkJoinPool.commonPool(), checkOf(this), delay, TimeUnit.NANOSECONDS) : null;
	}

	// A cancelled check stays in the JDK's delay queue until its time comes: it must not
	// keep a closed group, and the default application behind it, for up to a timeout
	private static Runnable checkOf(IdleTenantReaper reaper) {
		WeakReference<IdleTenantReaper> reference = new WeakReference<>(reaper);
		return () -> {
			IdleTenantReaper current = reference.get();
			if (current != null) {
				current.stopIdleTenants();
			}
		};
	}

	/**
	 * Stops an idle tenant.
	 */
	@FunctionalInterface
	interface Stopper {

		void stop(String key, DispatchedApplication tenant);

	}

}
