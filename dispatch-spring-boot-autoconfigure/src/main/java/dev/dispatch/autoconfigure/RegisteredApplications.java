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
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import dev.dispatch.application.ApplicationDefinition;
import dev.dispatch.application.ApplicationGroup;
import dev.dispatch.application.ApplicationInstance;
import dev.dispatch.application.ApplicationLocation;
import dev.dispatch.application.DispatchListener;
import dev.dispatch.application.DispatchedApplication;
import dev.dispatch.application.DispatchedApplicationRegistry;
import dev.dispatch.application.DispatchedApplicationStartupException;
import dev.dispatch.application.StartQueue;
import dev.dispatch.application.StopReason;
import dev.dispatch.application.TenantGroup;
import dev.dispatch.web.ApplicationUnavailableException;
import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;
import org.springframework.web.context.WebApplicationContext;

/**
 * The {@link DispatchedApplications} of a {@link DispatchedApplicationRegistry}.
 *
 * @author Dispatch contributors
 */
final class RegisteredApplications implements DispatchedApplications {

	private final DispatchedApplicationRegistry registry;

	RegisteredApplications(DispatchedApplicationRegistry registry) {
		this.registry = registry;
	}

	@Override
	public WebApplicationContext getApplicationContext(String id) {
		DispatchedApplication application = this.registry.keep(id);
		Assert.isTrue(application != null, () -> "No mount or tenant has the id '" + id + "'");
		try {
			ApplicationInstance instance = application.awaitStarted();
			Assert.state(instance != null, () -> "The " + application.getDefinition().description() + " is stopping");
			WebApplicationContext context = instance.getContext();
			Assert.state(context != null, () -> "The " + application.getDefinition().description()
					+ " runs in a class loader of its own, with its own Spring: its context's beans are not of the "
					+ "default application's classes. Use its endpoints, or mount it without 'location'");
			return context;
		}
		catch (ApplicationUnavailableException ex) {
			throw new IllegalStateException(ex.getMessage() + ": " + application.getFailure(), ex);
		}
	}

	@Override
	public List<Application> getApplications() {
		List<Application> applications = new ArrayList<>();
		this.registry.getMounts().forEach((mount) -> applications.add(describe(mount)));
		for (TenantGroup group : this.registry.getTenantGroups()) {
			group.getTenants().forEach((tenant) -> applications.add(describe(tenant)));
			group.getStoppingInstances()
				.forEach((instance) -> applications.add(describe(instance, State.STOPPING, null)));
		}
		return applications;
	}

	@Override
	public @Nullable Application getApplication(String id) {
		DispatchedApplication application = this.registry.find(id);
		if (application != null) {
			return describe(application);
		}
		for (TenantGroup group : this.registry.getTenantGroups()) {
			for (ApplicationInstance instance : group.getStoppingInstances()) {
				if (instance.getDefinition().id().equals(id)) {
					return describe(instance, State.STOPPING, null);
				}
			}
		}
		return null;
	}

	@Override
	public Starts getStarts() {
		StartQueue starts = this.registry.getStarts();
		return new Starts(starts.running(), starts.waiting(), starts.inBackground(), starts.refused());
	}

	@Override
	public boolean stop(String id) {
		return this.registry.stop(id, StopReason.REQUESTED);
	}

	@Override
	public boolean restart(String id) {
		try {
			return this.registry.restart(id);
		}
		catch (DispatchedApplicationStartupException ex) {
			throw new IllegalStateException(
					ex.getMessage() + ": " + ex.getCause().getMessage() + "; its running instance keeps serving", ex);
		}
		catch (ApplicationUnavailableException ex) {
			// A tenant's directory failed to say what the tenant is now
			throw new IllegalStateException(
					ex.getMessage() + ": its directory failed; its running instance keeps serving", ex);
		}
	}

	@Override
	public List<Group> getGroups() {
		List<Group> groups = new ArrayList<>();
		List<DispatchedApplication> mounts = this.registry.getMounts();
		if (!mounts.isEmpty()) {
			groups.add(new Group(ApplicationGroup.MOUNTS.id(),
					(int) mounts.stream().filter(DispatchedApplication::isRunning).count(),
					mounts.stream().mapToLong(DispatchedApplication::getRequests).sum()));
		}
		for (TenantGroup group : this.registry.getTenantGroups()) {
			groups.add(new Group(group.getDefinition().group().id(), group.liveCount(), group.getRequests()));
		}
		return groups;
	}

	@Override
	public void addListener(Listener listener) {
		this.registry.getListeners().add(new DispatchListener() {

			@Override
			public void started(ApplicationInstance instance, Duration startupTime) {
				listener.started(describe(instance, State.RUNNING, null), startupTime);
			}

			@Override
			public void stopped(ApplicationInstance instance, StopReason reason) {
				listener.stopped(describe(instance, State.STOPPING, null));
			}

			@Override
			public void rejected(DispatchedApplication application) {
				listener.rejected(describe(application));
			}

		});
	}

	private static Application describe(DispatchedApplication application) {
		ApplicationInstance running = application.getRunning();
		State state = State.valueOf(application.getState().name());
		if (running != null) {
			return describe(running, state, application, application.getFailure());
		}
		ApplicationDefinition definition = application.getDefinition();
		return new Application(definition.id(), definition.group().id(), definition.name(), path(definition),
				sources(definition), state, null, null, 0, application.getRequests(), application.getRejected(), null,
				(state == State.FAILED) ? application.getFailure() : null, null);
	}

	private static Application describe(ApplicationInstance instance, State state,
			@Nullable DispatchedApplication application) {
		return describe(instance, state, application, null);
	}

	private static Application describe(ApplicationInstance instance, State state,
			@Nullable DispatchedApplication application, @Nullable String failure) {
		ApplicationDefinition definition = instance.getDefinition();
		return new Application(definition.id(), definition.group().id(), definition.name(), path(definition),
				sources(definition), state, instance.getStartedAt(), instance.getStartupTime(), instance.getInFlight(),
				(application != null) ? application.getRequests() : null,
				(application != null) ? application.getRejected() : null,
				Instant.now().minusNanos(System.nanoTime() - instance.getLastUsed()), failure, instance.getContext());
	}

	private static String path(ApplicationDefinition definition) {
		return definition.path().isEmpty() ? "/" : definition.path();
	}

	private static List<String> sources(ApplicationDefinition definition) {
		ApplicationLocation location = definition.location();
		if (location != null) {
			return location.sources();
		}
		return definition.sources().stream().map(Class::getName).toList();
	}

}
