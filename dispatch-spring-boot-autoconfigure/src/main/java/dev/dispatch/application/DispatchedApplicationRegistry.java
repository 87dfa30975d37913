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
import org.springframework.util.Assert;
import org.springframework.web.context.WebApplicationContext;
import dev.dispatch.autoconfigure.DispatchedApplications;
import dev.dispatch.context.ApplicationInstanceFactory;
import dev.dispatch.web.ApplicationUnavailableException;

/**
 * The dispatched applications of the default application, bound to its lifecycle: eager
 * mounts start with it, and all mounts and tenants close when it stops, newest first,
 * each after its in-flight requests.
 * <p>
 * Its phase is the one of the Actuator's management child context: after the web
 * server's graceful shutdown has drained in-flight requests, before the web server stops.
 *
 * @author Dispatch contributors
 */
public final class DispatchedApplicationRegistry implements DispatchedApplications, SmartLifecycle, DisposableBean {

	/**
	 * {@code WebServerApplicationContext.GRACEFUL_SHUTDOWN_PHASE - 512}, between the
	 * graceful shutdown ({@code DEFAULT_PHASE - 1024}) and the web server's stop
	 * ({@code DEFAULT_PHASE - 2048}).
	 */
	public static final int PHASE = SmartLifecycle.DEFAULT_PHASE - 1024 - 512;

	private final List<DispatchedApplication> mounts;

	private final List<TenantGroup> tenantGroups;

	private final ApplicationInstanceFactory factory;

	private final Duration shutdownTimeout;

	private final InstanceCloser closer;

	private final ExecutorService starter;

	private final DispatchListeners listeners;

	private volatile boolean running;

	public DispatchedApplicationRegistry(List<DispatchedApplication> mounts, List<TenantGroup> tenantGroups, ApplicationInstanceFactory factory,
			Duration shutdownTimeout, ExecutorService starter, InstanceCloser closer, DispatchListeners listeners) {
		this.mounts = List.copyOf(mounts);
		this.tenantGroups = List.copyOf(tenantGroups);
		this.factory = factory;
		this.shutdownTimeout = shutdownTimeout;
		this.starter = starter;
		this.closer = closer;
		this.listeners = listeners;
	}

	public List<DispatchedApplication> getMounts() {
		return this.mounts;
	}

	public List<TenantGroup> getTenantGroups() {
		return this.tenantGroups;
	}

	public @Nullable TenantGroup getTenantGroup(String name) {
		return this.tenantGroups.stream()
			.filter((group) -> group.getDefinition().name().equals(name))
			.findFirst()
			.orElse(null);
	}

	public DispatchListeners getListeners() {
		return this.listeners;
	}

	@Override
	public WebApplicationContext getApplicationContext(String id) {
		DispatchedApplication application = find(id);
		Assert.isTrue(application != null, () -> "No mount or tenant has the id '" + id + "'");
		try {
			ApplicationInstance running = application.getOrStart();
			Assert.state(running != null, () -> "The " + application.getDefinition().description() + " is stopping");
			return running.getContext();
		}
		catch (ApplicationUnavailableException ex) {
			throw new IllegalStateException(ex.getMessage() + ": " + application.getFailure(), ex);
		}
	}

	/**
	 * Find a mount, or a tenant, which is kept if it was not yet.
	 * @param id a mount's name, or {@code group:key} for a tenant
	 * @return the application or {@code null}
	 */
	public @Nullable DispatchedApplication find(String id) {
		int colon = id.indexOf(':');
		if (colon == -1) {
			return this.mounts.stream()
				.filter((mount) -> mount.getDefinition().name().equals(id))
				.findFirst()
				.orElse(null);
		}
		TenantGroup group = getTenantGroup(id.substring(0, colon));
		return (group != null) ? group.keep(id.substring(colon + 1)) : null;
	}

	/**
	 * Stop a running application: it takes no new requests, closes once its in-flight
	 * requests have finished, and the next request starts it afresh.
	 * @param id a mount's name, or {@code group:key} for a tenant
	 * @return whether an application was running under that id
	 */
	public boolean stop(String id) {
		int colon = id.indexOf(':');
		if (colon != -1) {
			TenantGroup group = getTenantGroup(id.substring(0, colon));
			return group != null && group.stop(id.substring(colon + 1));
		}
		DispatchedApplication mount = find(id);
		if (mount == null) {
			return false;
		}
		ApplicationInstance running = mount.detach();
		mount.reopen();
		if (running == null) {
			return false;
		}
		this.listeners.evicted(mount.getDefinition());
		this.closer.close(running);
		return true;
	}

	@Override
	public void start() {
		this.mounts.forEach(DispatchedApplication::reopen);
		this.tenantGroups.forEach(TenantGroup::reopen);
		for (DispatchedApplication mount : this.mounts) {
			if (mount.getDefinition().eager()) {
				mount.startNow();
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
		this.factory.close();
	}

	private void closeAll() {
		List<ApplicationInstance> running = new ArrayList<>();
		for (DispatchedApplication mount : this.mounts) {
			ApplicationInstance child = mount.detach();
			if (child != null) {
				running.add(child);
			}
		}
		for (TenantGroup group : this.tenantGroups) {
			running.addAll(group.detachAll());
		}
		running.addAll(this.closer.drain());
		running.sort(Comparator.comparingLong(ApplicationInstance::getSequence).reversed());
		for (ApplicationInstance child : running) {
			if (!child.isClosed()) {
				child.close(this.shutdownTimeout);
			}
		}
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	@Override
	public int getPhase() {
		return PHASE;
	}

}
