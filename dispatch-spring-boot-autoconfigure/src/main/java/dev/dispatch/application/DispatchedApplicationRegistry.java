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
import java.util.concurrent.ExecutorService;

import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.context.SmartLifecycle;

/**
 * The dispatched applications of the default application, bound to its lifecycle: eager
 * mounts start with it, and all mounts and tenants close when it stops, newest first,
 * each after its in-flight requests. For internal use only.
 * <p>
 * Its phase is the one of the Actuator's management child context: after the web server's
 * graceful shutdown has drained in-flight requests, before the web server stops.
 *
 * @author Dispatch contributors
 */
public final class DispatchedApplicationRegistry implements SmartLifecycle, DisposableBean {

	/**
	 * {@code WebServerApplicationContext.GRACEFUL_SHUTDOWN_PHASE - 512}, between the
	 * graceful shutdown ({@code DEFAULT_PHASE - 1024}) and the web server's stop
	 * ({@code DEFAULT_PHASE - 2048}): without a graceful shutdown, the instances finish
	 * their in-flight requests before the server stops.
	 */
	public static final int PHASE = SmartLifecycle.DEFAULT_PHASE - 1024 - 512;

	/**
	 * {@code WebServerApplicationContext.START_STOP_LIFECYCLE_PHASE - 512}, after the web
	 * server's stop: the phase after a graceful shutdown, which ends once no request is
	 * active, while the server still passes on the requests of connections that it had
	 * accepted, until it stops. The instances serve them.
	 */
	public static final int AFTER_WEB_SERVER_PHASE = SmartLifecycle.DEFAULT_PHASE - 2048 - 512;

	private final List<DispatchedApplication> mounts;

	private final List<TenantGroup> tenantGroups;

	private final Duration shutdownTimeout;

	private final ExecutorService starter;

	private final StartQueue starts;

	private final InstanceCloser closer;

	private final DispatchListeners listeners;

	private final Runnable onDestroy;

	private final boolean gracefulShutdown;

	private volatile boolean running;

	/**
	 * Create a registry.
	 * @param mounts the mounts
	 * @param tenantGroups the tenant groups
	 * @param shutdownTimeout how long to wait for an instance's in-flight requests when
	 * the default application closes
	 * @param starter the executor that applications start on, shut down with the registry
	 * @param starts the line in which they start, on that executor
	 * @param closer what closes stopped instances, shut down with the registry
	 * @param listeners the listeners that applications notify
	 * @param onDestroy what to run once every instance is closed
	 * @param gracefulShutdown whether the web server shuts down gracefully, so that the
	 * instances close after it has stopped ({@link #AFTER_WEB_SERVER_PHASE}) rather than
	 * before ({@link #PHASE})
	 */
	public DispatchedApplicationRegistry(List<DispatchedApplication> mounts, List<TenantGroup> tenantGroups,
			Duration shutdownTimeout, ExecutorService starter, StartQueue starts, InstanceCloser closer,
			DispatchListeners listeners, Runnable onDestroy, boolean gracefulShutdown) {
		this.mounts = List.copyOf(mounts);
		this.tenantGroups = List.copyOf(tenantGroups);
		this.shutdownTimeout = shutdownTimeout;
		this.starter = starter;
		this.starts = starts;
		this.closer = closer;
		this.listeners = listeners;
		this.onDestroy = onDestroy;
		this.gracefulShutdown = gracefulShutdown;
	}

	/**
	 * Return the line in which the applications start.
	 * @return the line of starts
	 */
	public StartQueue getStarts() {
		return this.starts;
	}

	public List<DispatchedApplication> getMounts() {
		return this.mounts;
	}

	public List<TenantGroup> getTenantGroups() {
		return this.tenantGroups;
	}

	public @Nullable TenantGroup getTenantGroup(ApplicationGroup group) {
		return this.tenantGroups.stream()
			.filter((candidate) -> candidate.getDefinition().group() == group)
			.findFirst()
			.orElse(null);
	}

	public DispatchListeners getListeners() {
		return this.listeners;
	}

	/**
	 * Find a mount, or a kept tenant, without keeping or starting anything.
	 * @param id a mount's name, or {@code group:key} for a tenant
	 * @return the application or {@code null}
	 */
	public @Nullable DispatchedApplication find(String id) {
		return find(id, false);
	}

	/**
	 * Find a mount, or a tenant that its group's directory knows, which is kept if it was
	 * not yet, so that it can be started.
	 * @param id a mount's name, or {@code group:key} for a tenant
	 * @return the application or {@code null}
	 */
	public @Nullable DispatchedApplication keep(String id) {
		return find(id, true);
	}

	private @Nullable DispatchedApplication find(String id, boolean keep) {
		int colon = id.indexOf(':');
		if (colon == -1) {
			return this.mounts.stream()
				.filter((mount) -> mount.getDefinition().name().equals(id))
				.findFirst()
				.orElse(null);
		}
		TenantGroup group = tenantGroup(id.substring(0, colon));
		if (group == null) {
			return null;
		}
		String key = id.substring(colon + 1);
		return keep ? group.keep(key) : group.get(key);
	}

	private @Nullable TenantGroup tenantGroup(String name) {
		return this.tenantGroups.stream()
			.filter((group) -> group.getDefinition().group().id().equals(name))
			.findFirst()
			.orElse(null);
	}

	/**
	 * Stop a running application: it takes no new requests, closes once its in-flight
	 * requests have finished, and the next request starts it afresh.
	 * @param id a mount's name, or {@code group:key} for a tenant
	 * @param reason why
	 * @return whether an application was running under that id
	 */
	public boolean stop(String id, StopReason reason) {
		int colon = id.indexOf(':');
		if (colon != -1) {
			TenantGroup group = tenantGroup(id.substring(0, colon));
			return group != null && group.stop(id.substring(colon + 1), reason);
		}
		DispatchedApplication mount = find(id);
		if (mount == null) {
			return false;
		}
		ApplicationInstance running = mount.stop();
		mount.reopen();
		if (running == null) {
			return false;
		}
		this.closer.closeStopped(running, reason, this.listeners);
		return true;
	}

	/**
	 * Restart a running application without downtime: a new instance starts beside the
	 * running one and takes its requests once it has started.
	 * @param id a mount's name, or {@code group:key} for a tenant
	 * @return whether a new instance replaced a running one
	 * @throws DispatchedApplicationStartupException if the new instance failed to start:
	 * the old one keeps serving
	 */
	public boolean restart(String id) {
		int colon = id.indexOf(':');
		if (colon != -1) {
			TenantGroup group = tenantGroup(id.substring(0, colon));
			return group != null && group.restart(id.substring(colon + 1));
		}
		DispatchedApplication mount = find(id);
		return mount != null && mount.restart(mount.getDefinition());
	}

	@Override
	public void start() {
		this.mounts.forEach(DispatchedApplication::reopen);
		this.tenantGroups.forEach(TenantGroup::reopen);
		for (DispatchedApplication mount : this.mounts) {
			if (mount.getDefinition().eager()) {
				mount.start();
			}
		}
		this.running = true;
	}

	@Override
	public void stop() {
		closeAll();
		this.running = false;
	}

	@Override
	public void destroy() {
		closeAll();
		this.starter.shutdown();
		this.closer.shutdown();
		this.onDestroy.run();
	}

	private void closeAll() {
		List<ApplicationInstance> running = new ArrayList<>();
		for (DispatchedApplication mount : this.mounts) {
			ApplicationInstance instance = mount.stop();
			if (instance != null) {
				running.add(instance);
			}
		}
		for (TenantGroup group : this.tenantGroups) {
			running.addAll(group.stopAll());
		}
		running.addAll(this.closer.drain());
		running.sort(Comparator.comparingLong(ApplicationInstance::getSequence).reversed());
		for (ApplicationInstance instance : running) {
			if (!instance.isClosed()) {
				instance.close(this.shutdownTimeout);
			}
		}
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	@Override
	public int getPhase() {
		return this.gracefulShutdown ? AFTER_WEB_SERVER_PHASE : PHASE;
	}

}
