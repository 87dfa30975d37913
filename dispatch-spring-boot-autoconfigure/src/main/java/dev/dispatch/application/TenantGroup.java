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
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Function;

import dev.dispatch.web.ApplicationUnavailableException;
import dev.dispatch.web.DispatchTarget;
import dev.dispatch.web.TenantTargets;
import org.jspecify.annotations.Nullable;

/**
 * The tenants of a group, by key: each started on its first request, at most the group's
 * {@code max-instances} of them alive at once, the least recently used stopped to make
 * room for another, and those that served no request for the idle timeout stopped. For
 * internal use only.
 *
 * @author Dispatch contributors
 */
public final class TenantGroup implements TenantTargets {

	private final TenantGroupDefinition definition;

	private final ApplicationStarter starter;

	private final StartSettings settings;

	private final TenantLookup lookup;

	private final TenantCapacity capacity;

	private final @Nullable IdleTenantReaper reaper;

	// Not an access-ordered cache: the tenants keep their last use themselves, and
	// reading a Caffeine cache that expires after access took 100-170 ns against 10-14 ns
	// (JMH)
	private final Map<String, DispatchedApplication> tenants = new ConcurrentHashMap<>();

	private final LongAdder started = new LongAdder();

	private final LongAdder destroyed = new LongAdder();

	private final AtomicInteger maxLive = new AtomicInteger();

	private final LongAdder requests = new LongAdder();

	private volatile boolean stopped;

	/**
	 * Create a group.
	 * @param definition how the group's tenants live
	 * @param directory what a key names: a tenant's definition, or {@code null}
	 * @param starter what starts the tenants' instances
	 * @param settings how tenants start
	 */
	public TenantGroup(TenantGroupDefinition definition, Function<String, @Nullable ApplicationDefinition> directory,
			ApplicationStarter starter, StartSettings settings) {
		this.definition = definition;
		this.starter = starter;
		this.settings = new StartSettings(settings.starts(), settings.timeout(), settings.backoff(), settings.closer(),
				new StartedListener(settings.listener()));
		this.lookup = new TenantLookup(definition.group(), directory, definition.cacheUnknownKeys(),
				settings.backoff());
		this.capacity = new TenantCapacity(definition.maxInstances());
		this.reaper = (definition.idleTimeout() != null) ? new IdleTenantReaper(definition.group(), this.tenants,
				definition.idleTimeout(), (key, tenant) -> stop(key, tenant, StopReason.IDLE)) : null;
		if (this.reaper != null) {
			this.reaper.start();
		}
	}

	public TenantGroupDefinition getDefinition() {
		return this.definition;
	}

	/**
	 * Find the tenant that a key names, without starting it, nor keeping it unless it is
	 * starting or running already.
	 * @param key a valid tenant key
	 * @return the tenant, or {@code null} if the key names no tenant
	 * @throws ApplicationUnavailableException if the tenant failed to start less than the
	 * back-off ago, or the directory failed
	 */
	@Override
	public @Nullable DispatchTarget find(String key) {
		DispatchedApplication tenant = this.tenants.get(key);
		ApplicationDefinition definition = (tenant != null) ? tenant.getDefinition() : this.lookup.find(key);
		return (definition != null) ? () -> acquire(key, definition) : null;
	}

	// Return a tenant's running instance, started if needed, with a request entered. A
	// tenant that was stopped after it was found is started afresh.
	private ApplicationInstance acquire(String key, ApplicationDefinition definition) {
		while (!this.stopped) {
			// One tenant per key, however many requests found it together
			DispatchedApplication tenant = this.tenants.computeIfAbsent(key, (ignored) -> newTenant(definition));
			ApplicationInstance instance;
			try {
				instance = tenant.tryAcquire();
			}
			catch (ApplicationUnavailableException ex) {
				if (tenant.isFailed() && this.tenants.remove(key, tenant)) {
					this.lookup.failed(key);
				}
				throw ex;
			}
			if (instance != null) {
				this.requests.increment();
				return instance;
			}
			// Stopped between look-up and entry: a new one takes the request
			this.tenants.remove(key, tenant);
		}
		throw new ApplicationUnavailableException(definition.description(), 0);
	}

	private DispatchedApplication newTenant(ApplicationDefinition definition) {
		return new DispatchedApplication(definition, this.starter, this.settings, new Admission() {

			@Override
			public Runnable admit(ApplicationDefinition tenant) {
				return TenantGroup.this.admit(tenant);
			}

			@Override
			public @Nullable Runnable admitIfRoom(ApplicationDefinition tenant) {
				Runnable release = TenantGroup.this.capacity.tryTake();
				return (release != null) ? admitted(release) : null;
			}

		});
	}

	/**
	 * Start tenants in the background, behind every start that a request waits for, as
	 * many as there is room for without stopping a running tenant: before their first
	 * requests, so that these do not wait for them. A key that names no tenant, or that
	 * the directory fails to look up, is passed over.
	 * @param keys the keys of the tenants, in the order to start them
	 * @return the number of tenants whose start was asked for
	 */
	public int startInBackground(Iterable<String> keys) {
		int room = this.definition.maxInstances() - this.capacity.taken();
		int asked = 0;
		for (String key : keys) {
			if (asked >= room || this.stopped) {
				break;
			}
			DispatchedApplication tenant;
			try {
				tenant = keep(key);
			}
			catch (ApplicationUnavailableException ex) {
				continue;
			}
			if (tenant != null && tenant.startInBackground()) {
				asked++;
			}
		}
		return asked;
	}

	// Admit a tenant to start: take a place, stopping the least recently used running
	// tenant to make room if none is free, waiting at most the start timeout.
	private Runnable admit(ApplicationDefinition tenant) {
		Runnable release;
		try {
			release = this.capacity.take(this.settings.timeout(),
					() -> this.settings.closer().closing(this.definition.group()).size(),
					() -> stopLeastRecentlyUsed(tenant.name()));
		}
		catch (IllegalStateException ex) {
			throw new DispatchedApplicationStartupException(tenant.description(), tenant.configurationPrefix(),
					new IllegalStateException("All " + this.definition.maxInstances() + " tenants of the "
							+ this.definition.group().configurationPrefix() + " group are busy"));
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new DispatchedApplicationStartupException(tenant.description(), tenant.configurationPrefix(), ex);
		}
		return admitted(release);
	}

	private Runnable admitted(Runnable release) {
		this.started.increment();
		this.maxLive.accumulateAndGet(liveCount(), Math::max);
		return () -> {
			this.destroyed.increment();
			release.run();
		};
	}

	private void stopLeastRecentlyUsed(String starting) {
		this.tenants.entrySet()
			.stream()
			.filter((entry) -> entry.getValue().isRunning() && !entry.getKey().equals(starting))
			.min(Comparator.comparingLong((entry) -> entry.getValue().getLastUsed()))
			.ifPresent((entry) -> stop(entry.getKey(), entry.getValue(), StopReason.ROOM));
	}

	/**
	 * Keep the tenant that a key names, started or not, as if a request had found it.
	 * @param key the tenant's key
	 * @return the tenant, or {@code null} if the key names no tenant
	 */
	@Nullable DispatchedApplication keep(String key) {
		DispatchedApplication tenant = this.tenants.get(key);
		if (tenant != null) {
			return tenant;
		}
		ApplicationDefinition definition = this.lookup.find(key);
		return (definition != null) ? this.tenants.computeIfAbsent(key, (ignored) -> newTenant(definition)) : null;
	}

	/**
	 * Return a kept tenant, without looking up its key.
	 * @param key the tenant's key
	 * @return the tenant, or {@code null} if none is kept under that key
	 */
	@Nullable DispatchedApplication get(String key) {
		return this.tenants.get(key);
	}

	/**
	 * Forget that a key named no tenant, so that its next request looks it up again: its
	 * directory has one now.
	 * @param key the key
	 */
	public void forget(String key) {
		this.lookup.forget(key);
	}

	/**
	 * Restart a running tenant without downtime, from what its directory says of it now;
	 * a tenant that its directory no longer knows is stopped.
	 * @param key the tenant's key
	 * @return whether a new instance replaced a running one
	 * @throws DispatchedApplicationStartupException if the new instance failed to start:
	 * the old one keeps serving
	 */
	public boolean restart(String key) {
		DispatchedApplication tenant = this.tenants.get(key);
		if (tenant == null || !tenant.isRunning()) {
			return false;
		}
		ApplicationDefinition definition = this.lookup.findAgain(key);
		if (definition == null) {
			stop(key, tenant, StopReason.REQUESTED);
			return false;
		}
		return tenant.restart(definition);
	}

	/**
	 * Stop a running tenant: it takes no new requests and closes once its in-flight
	 * requests have finished.
	 * @param key the tenant's key
	 * @param reason why
	 * @return whether the tenant was running
	 */
	public boolean stop(String key, StopReason reason) {
		DispatchedApplication tenant = this.tenants.get(key);
		return tenant != null && tenant.isRunning() && stop(key, tenant, reason);
	}

	/**
	 * Stop a tenant, if it is still the one kept for its key, and close its instance once
	 * its in-flight requests have finished.
	 * @param key the tenant's key
	 * @param tenant the tenant
	 * @param reason why
	 * @return whether it was stopped
	 */
	private boolean stop(String key, DispatchedApplication tenant, StopReason reason) {
		if (!this.tenants.remove(key, tenant)) {
			return false;
		}
		ApplicationInstance running = tenant.stop();
		if (running != null) {
			this.settings.closer().closeStopped(running, reason, this.settings.listener());
		}
		return true;
	}

	/**
	 * Return the kept tenants: starting and running ones.
	 * @return the tenants
	 */
	public List<DispatchedApplication> getTenants() {
		return List.copyOf(this.tenants.values());
	}

	/**
	 * Return the instances of tenants that were stopped but still finish their requests.
	 * @return the stopping instances
	 */
	public List<ApplicationInstance> getStoppingInstances() {
		return this.settings.closer().closing(this.definition.group());
	}

	/**
	 * Return the number of live tenant instances: started and not destroyed yet.
	 * @return the live count
	 */
	public int liveCount() {
		return this.capacity.taken();
	}

	/**
	 * Return the highest number of live tenant instances so far.
	 * @return the high-water mark of {@link #liveCount()}
	 */
	public int maxLiveCount() {
		return this.maxLive.get();
	}

	/**
	 * Return the number of requests that the group's tenants served.
	 * @return the request count
	 */
	public long getRequests() {
		return this.requests.sum();
	}

	/**
	 * Return the number of tenant instances that the group admitted to start.
	 * @return the start count
	 */
	public long startedCount() {
		return this.started.sum();
	}

	/**
	 * Return the number of tenant instances that were destroyed, or failed to start.
	 * @return the destroyed count
	 */
	public long destroyedCount() {
		return this.destroyed.sum();
	}

	long unknownKeysSize() {
		return this.lookup.unknownKeysSize();
	}

	/**
	 * Stop starting tenants and stop the running ones, for the caller to close.
	 * @return the instances that were running
	 */
	List<ApplicationInstance> stopAll() {
		this.stopped = true;
		if (this.reaper != null) {
			this.reaper.cancel();
		}
		List<ApplicationInstance> running = new ArrayList<>();
		for (DispatchedApplication tenant : this.tenants.values()) {
			ApplicationInstance instance = tenant.stop();
			if (instance != null) {
				running.add(instance);
			}
		}
		this.tenants.clear();
		return running;
	}

	/**
	 * Let requests start tenants again after {@link #stopAll()}.
	 */
	void reopen() {
		this.stopped = false;
		if (this.reaper != null) {
			this.reaper.start();
		}
	}

	/**
	 * Lets the starts that wait for room know that a tenant has started, which may now be
	 * stopped to make room.
	 */
	private final class StartedListener implements DispatchListener {

		private final DispatchListener listener;

		StartedListener(DispatchListener listener) {
			this.listener = listener;
		}

		@Override
		public void started(ApplicationInstance instance, Duration startupTime) {
			this.listener.started(instance, startupTime);
			TenantGroup.this.capacity.tenantStarted();
		}

		@Override
		public void stopped(ApplicationInstance instance, StopReason reason) {
			this.listener.stopped(instance, reason);
		}

		@Override
		public void rejected(DispatchedApplication application) {
			this.listener.rejected(application);
		}

	}

}
