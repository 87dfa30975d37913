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
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Scheduler;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import dev.dispatch.application.DispatchedApplication.StartSettings;
import dev.dispatch.autoconfigure.TenantDefinition;
import dev.dispatch.autoconfigure.TenantDirectory;
import dev.dispatch.context.ApplicationInstanceFactory;
import dev.dispatch.web.ApplicationUnavailableException;

/**
 * The tenants of a group, one application per key, as Flask's {@code SubdomainDispatcher}
 * and {@code PathDispatcher} keep them, but bounded.
 * <p>
 * A map holds the starting and running {@link DispatchedApplication} of each key. Its atomic
 * {@code putIfAbsent} makes sure that a key has one application however many requests ask
 * for it together; each application starts under a lock of its own, so a tenant's start
 * never holds up another. Each running tenant keeps the time of its last request, from
 * which the group closes those that served none for {@code idle-timeout}.
 * <p>
 * At most {@code max-instances} tenant contexts are alive at once, strictly: a tenant
 * holds one of as many permits from its start until its context is destroyed. A tenant
 * that needs a permit when none is free makes room by closing the least recently used
 * running tenant. A closed tenant takes no new requests, is destroyed once its in-flight
 * requests have finished, and its next request starts it afresh.
 *
 * @author Dispatch contributors
 */
public final class TenantGroup {

	private static final Log logger = LogFactory.getLog(TenantGroup.class);

	private static final String TENANT_PROPERTY = "dispatch.tenant";

	public static final int UNKNOWN_KEYS = 10_000;

	static final Duration UNKNOWN_KEYS_TIME_TO_LIVE = Duration.ofSeconds(10);

	// How late an idle tenant may close, at most: as Caffeine's timer wheel, about 1s
	private static final long IDLE_CHECK_TOLERANCE = TimeUnit.SECONDS.toNanos(1);

	private final TenantGroupDefinition definition;

	private final TenantDirectory directory;

	private final ApplicationInstanceFactory factory;

	private final StartSettings settings;

	// Not an access-ordered cache: the tenants keep their last use themselves, and reading
	// a Caffeine cache that expires after access took 100-170 ns against 10-14 ns (JMH)
	private final Map<String, DispatchedApplication> tenants = new ConcurrentHashMap<>();

	private final long idleTimeout;

	// Guarded by this
	private @Nullable Future<?> idleCheck;

	private final Semaphore permits;

	private final LongAdder started = new LongAdder();

	private final LongAdder destroyed = new LongAdder();

	private final AtomicInteger maxLive = new AtomicInteger();

	private final LongAdder requests = new LongAdder();

	private final AtomicInteger waitingForRoom = new AtomicInteger();

	private final @Nullable Cache<String, Boolean> unknownKeys;

	private final Cache<String, Long> failedKeys;

	private volatile boolean closed;

	public TenantGroup(TenantGroupDefinition definition, TenantDirectory directory, ApplicationInstanceFactory factory,
			StartSettings settings, boolean cacheUnknownKeys) {
		this.definition = definition;
		this.directory = directory;
		this.factory = factory;
		this.settings = settings.withAdmission(this::admit);
		this.permits = new Semaphore(definition.maxInstances());
		Duration idleTimeout = definition.idleTimeout();
		this.idleTimeout = (idleTimeout != null) ? idleTimeout.toNanos() : 0;
		// A directory may be a database: remember what it said no to, for a while and
		// for a bounded number of keys, so that requests for random keys cost it little
		this.unknownKeys = cacheUnknownKeys ? Caffeine.newBuilder()
			.maximumSize(UNKNOWN_KEYS)
			.expireAfterWrite(UNKNOWN_KEYS_TIME_TO_LIVE)
			.executor(Runnable::run)
			.build() : null;
		// Tenants that failed to start, until their back-off has passed: out of the
		// tenants' cache, so that failing keys cannot fill it
		this.failedKeys = Caffeine.newBuilder()
			.maximumSize(UNKNOWN_KEYS)
			.expireAfterWrite(settings.backoff())
			.executor(Runnable::run)
			.build();
		scheduleIdleCheck(this.idleTimeout);
	}

	public TenantGroupDefinition getDefinition() {
		return this.definition;
	}

	/**
	 * Find the tenant with the given key, without starting it, nor keeping it unless it
	 * is starting or running already.
	 * @param key a valid tenant key
	 * @return the tenant, or {@code null} if the directory does not know the key
	 * @throws ApplicationUnavailableException if the tenant failed to start less than the
	 * back-off ago, or the directory failed
	 */
	public @Nullable DispatchedApplication find(String key) {
		DispatchedApplication tenant = this.tenants.get(key);
		if (tenant != null) {
			return tenant;
		}
		if (this.unknownKeys != null && this.unknownKeys.getIfPresent(key) != null) {
			return null;
		}
		Long retryAt = this.failedKeys.getIfPresent(key);
		if (retryAt != null) {
			throw new ApplicationUnavailableException(this.definition.name() + " tenant '" + key + "'",
					retryAt - System.nanoTime());
		}
		TenantDefinition definition = findInDirectory(key);
		if (definition == null) {
			if (this.unknownKeys != null) {
				this.unknownKeys.put(key, Boolean.TRUE);
			}
			return null;
		}
		return new DispatchedApplication(childDefinition(key, definition), this.factory, this.settings);
	}

	private @Nullable TenantDefinition findInDirectory(String key) {
		try {
			return this.directory.findTenant(key);
		}
		catch (RuntimeException ex) {
			logger.warn("The tenant directory of the " + this.definition.configurationPrefix()
					+ " group failed to look up '" + key + "'", ex);
			throw new ApplicationUnavailableException(this.definition.name() + " tenant '" + key + "'", 0);
		}
	}

	/**
	 * Return a tenant's running application, started if needed, with a request entered.
	 * A tenant that was closed after it was found is started afresh.
	 * @param key the tenant's key
	 * @param tenant the tenant, as found by {@link #find(String)}
	 * @return the running application
	 * @throws ApplicationUnavailableException if the tenant failed to start or the group is
	 * closed
	 */
	public ApplicationInstance acquire(String key, DispatchedApplication tenant) {
		DispatchedApplication candidate = tenant;
		for (int attempt = 0; attempt < 3 && !this.closed; attempt++) {
			// One application per key, however many requests found a new one together
			DispatchedApplication cached = this.tenants.putIfAbsent(key, candidate);
			candidate = (cached != null) ? cached : candidate;
			ApplicationInstance running;
			try {
				running = candidate.acquire();
			}
			catch (ApplicationUnavailableException ex) {
				if (candidate.isFailed() && this.tenants.remove(key, candidate)) {
					this.failedKeys.put(key, System.nanoTime() + this.settings.backoff().toNanos());
				}
				throw ex;
			}
			if (running != null) {
				this.requests.increment();
				return running;
			}
			// Closed between lookup and entry: its replacement takes the request
			this.tenants.remove(key, candidate);
			DispatchedApplication replacement = find(key);
			if (replacement == null) {
				break;
			}
			candidate = replacement;
		}
		throw new ApplicationUnavailableException(tenant.getDefinition().description(), 0);
	}

	/**
	 * Admit a tenant to start: take a permit, closing the least recently used running
	 * tenant to free one if none is free, for at most the start timeout.
	 */
	private Runnable admit(ApplicationDefinition tenant) {
		long deadline = System.nanoTime() + this.settings.timeout().toNanos();
		this.waitingForRoom.incrementAndGet();
		try {
			while (!this.permits.tryAcquire(10, TimeUnit.MILLISECONDS)) {
				// One closing tenant frees one permit: close no more than the starts need,
				// however long the closing ones take to finish their requests
				if (this.settings.closer().closing(this.definition.name()).size() < this.waitingForRoom.get()) {
					closeLeastRecentlyUsed(tenant.name());
				}
				if (System.nanoTime() > deadline) {
					throw new DispatchedApplicationStartupException(tenant.description(), tenant.configurationPrefix(),
							new IllegalStateException("All " + this.definition.maxInstances() + " tenants of the "
									+ this.definition.configurationPrefix() + " group are busy"));
				}
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new DispatchedApplicationStartupException(tenant.description(), tenant.configurationPrefix(), ex);
		}
		finally {
			this.waitingForRoom.decrementAndGet();
		}
		this.started.increment();
		this.maxLive.accumulateAndGet(liveCount(), Math::max);
		return () -> {
			this.destroyed.increment();
			this.permits.release();
		};
	}

	private void closeLeastRecentlyUsed(String starting) {
		this.tenants.entrySet()
			.stream()
			.filter((entry) -> entry.getValue().isRunning() && !entry.getKey().equals(starting))
			.min(Comparator.comparingLong((entry) -> entry.getValue().getLastUsed()))
			.ifPresent((entry) -> remove(entry.getKey(), entry.getValue(), "making room for another tenant"));
	}

	/**
	 * Close the running tenants that served no request for the idle timeout, and check
	 * again when the next one may have, or within a second of it.
	 */
	private void closeIdleTenants() {
		long next = this.idleTimeout;
		try {
			long now = System.nanoTime();
			for (Map.Entry<String, DispatchedApplication> entry : this.tenants.entrySet()) {
				DispatchedApplication tenant = entry.getValue();
				long lastUsed = tenant.getLastUsed();
				// Read once: a tenant that is starting, or closed since, has none
				if (lastUsed != Long.MAX_VALUE) {
					long idleFor = now - lastUsed;
					if (idleFor >= this.idleTimeout) {
						remove(entry.getKey(), tenant, "idle");
					}
					else {
						next = Math.min(next, this.idleTimeout - idleFor);
					}
				}
			}
		}
		catch (RuntimeException ex) {
			logger.warn("Failed to close the idle tenants of the " + this.definition.configurationPrefix() + " group",
					ex);
		}
		finally {
			scheduleIdleCheck(Math.max(next, Math.min(IDLE_CHECK_TOLERANCE, this.idleTimeout)));
		}
	}

	/**
	 * Check for idle tenants after the given delay, in place of any check scheduled
	 * before, unless the group has no idle timeout or is closed.
	 */
	private synchronized void scheduleIdleCheck(long delay) {
		Future<?> previous = this.idleCheck;
		if (previous != null) {
			previous.cancel(false);
		}
		this.idleCheck = (this.idleTimeout > 0 && !this.closed) ? Scheduler.systemScheduler()
			.schedule(ForkJoinPool.commonPool(), idleCheckOf(this), delay, TimeUnit.NANOSECONDS) : null;
	}

	// A cancelled check stays in the JDK's delay queue until its time comes: it must not
	// keep a closed group, and the default application behind it, for up to a timeout
	private static Runnable idleCheckOf(TenantGroup group) {
		WeakReference<TenantGroup> reference = new WeakReference<>(group);
		return () -> {
			TenantGroup current = reference.get();
			if (current != null) {
				current.closeIdleTenants();
			}
		};
	}

	/**
	 * Remove a tenant, if it is still the one kept for its key, and close it once its
	 * in-flight requests have finished.
	 * @return whether it was removed
	 */
	private boolean remove(String key, DispatchedApplication tenant, String reason) {
		if (!this.tenants.remove(key, tenant)) {
			return false;
		}
		ApplicationInstance running = tenant.detach();
		if (running != null) {
			logger.info("Closing " + tenant.getDefinition().description() + " (" + reason + ")");
			this.settings.listener().evicted(tenant.getDefinition());
			this.settings.closer().close(running);
		}
		return true;
	}

	private ApplicationDefinition childDefinition(String key, TenantDefinition tenant) {
		TenantGroupDefinition group = this.definition;
		Map<String, String> properties = new LinkedHashMap<>(group.properties());
		properties.putAll(tenant.properties());
		properties.put(TENANT_PROPERTY, key);
		List<String> profiles = new ArrayList<>(group.profiles());
		profiles.addAll(tenant.profiles());
		List<Class<?>> sources = tenant.sources().isEmpty() ? group.sources() : tenant.sources();
		String path = group.name().equals(TenantGroupDefinition.PATH) ? group.prefix() + "/" + key : "";
		return new ApplicationDefinition(group.name(), key, group.name() + " tenant '" + key + "'",
				group.configurationPrefix() + ".tenants." + key, path, sources, List.copyOf(profiles), properties,
				group.inheritParent(), group.reuseConfiguration(), false, false, group.security());
	}

	/**
	 * Find a tenant and keep it, started or not, as if a request had started it.
	 * @param key the tenant's key
	 * @return the tenant, or {@code null} if the directory does not know the key
	 */
	@Nullable DispatchedApplication keep(String key) {
		DispatchedApplication tenant = find(key);
		if (tenant == null) {
			return null;
		}
		DispatchedApplication kept = this.tenants.putIfAbsent(key, tenant);
		return (kept != null) ? kept : tenant;
	}

	/**
	 * Stop a running tenant: it closes once its in-flight requests have finished.
	 * @param key the tenant's key
	 * @return whether the tenant was running
	 */
	boolean stop(String key) {
		DispatchedApplication tenant = this.tenants.get(key);
		return tenant != null && tenant.isRunning() && remove(key, tenant, "stopped");
	}

	/**
	 * Return the kept tenants: starting and running ones.
	 * @return the tenants
	 */
	public List<DispatchedApplication> getTenants() {
		return List.copyOf(this.tenants.values());
	}

	/**
	 * Return the tenants that were closed but still finish in-flight requests.
	 * @return the closing tenants
	 */
	public List<ApplicationInstance> getClosingTenants() {
		return this.settings.closer().closing(this.definition.name());
	}

	public long size() {
		return this.tenants.size();
	}

	public long unknownKeysSize() {
		return (this.unknownKeys != null) ? this.unknownKeys.estimatedSize() : 0;
	}

	/**
	 * Return the number of live tenant contexts: started and not destroyed yet.
	 * @return the live count
	 */
	public int liveCount() {
		return this.definition.maxInstances() - this.permits.availablePermits();
	}

	/**
	 * Return the highest number of live tenant contexts so far.
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

	public long startedCount() {
		return this.started.sum();
	}

	public long destroyedCount() {
		return this.destroyed.sum();
	}

	/**
	 * Stop starting tenants and detach the running ones for the caller to close.
	 * @return the applications that were running
	 */
	public List<ApplicationInstance> detachAll() {
		this.closed = true;
		scheduleIdleCheck(0);
		List<ApplicationInstance> running = new ArrayList<>();
		for (DispatchedApplication tenant : this.tenants.values()) {
			ApplicationInstance child = tenant.detach();
			if (child != null) {
				running.add(child);
			}
		}
		this.tenants.clear();
		return running;
	}

	/**
	 * Let requests start tenants again after {@link #detachAll()}.
	 */
	void reopen() {
		this.closed = false;
		scheduleIdleCheck(this.idleTimeout);
	}

}
