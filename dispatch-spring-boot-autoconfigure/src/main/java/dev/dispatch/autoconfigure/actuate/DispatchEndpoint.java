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

package dev.dispatch.autoconfigure.actuate;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;

import dev.dispatch.application.DispatchedApplication.State;

import org.springframework.boot.actuate.endpoint.OperationResponseBody;
import org.springframework.boot.actuate.endpoint.annotation.DeleteOperation;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.Selector;
import dev.dispatch.application.ApplicationDefinition;
import dev.dispatch.application.ApplicationInstance;
import dev.dispatch.application.DispatchedApplication;
import dev.dispatch.application.DispatchedApplicationRegistry;
import dev.dispatch.application.TenantGroup;

/**
 * {@link Endpoint @Endpoint} that lists the dispatched applications, every mount and
 * every live tenant, with their state and traffic, and stops one on request.
 * Applications are identified by a mount's name, or {@code subdomain:<key>} and
 * {@code path:<key>} for tenants.
 *
 * @author Dispatch contributors
 */
@Endpoint(id = "dispatch")
public class DispatchEndpoint {

	private final DispatchedApplicationRegistry applications;

	DispatchEndpoint(DispatchedApplicationRegistry applications) {
		this.applications = applications;
	}

	/**
	 * Describe every mount and every live tenant.
	 * @return the descriptions
	 */
	@ReadOperation
	public ApplicationsDescriptor applications() {
		List<ApplicationDescriptor> descriptors = new ArrayList<>();
		this.applications.getMounts().forEach((mount) -> descriptors.add(describe(mount)));
		for (TenantGroup group : this.applications.getTenantGroups()) {
			group.getTenants().forEach((tenant) -> descriptors.add(describe(tenant)));
			group.getClosingTenants().forEach((tenant) -> descriptors.add(describeStopping(tenant)));
		}
		return new ApplicationsDescriptor(descriptors);
	}

	/**
	 * Describe one application.
	 * @param id a mount's name, or {@code subdomain:<key>} or {@code path:<key>}
	 * @return the description, or {@code null} (404) if no mount or live tenant has
	 * that id
	 */
	@ReadOperation
	public @Nullable ApplicationDescriptor application(@Selector String id) {
		return applications().applications()
			.stream()
			.filter((application) -> application.id().equals(id))
			.findFirst()
			.orElse(null);
	}

	/**
	 * Stop a running application: it takes no new requests, closes once its in-flight
	 * requests have finished, and the next request starts it afresh.
	 * @param id a mount's name, or {@code subdomain:<key>} or {@code path:<key>}
	 * @return the application's description, in the state {@code STOPPING} if it was
	 * running, or {@code null} (no content) if no mount or live tenant has that id
	 */
	@DeleteOperation
	public @Nullable ApplicationDescriptor stop(@Selector String id) {
		ApplicationDescriptor application = application(id);
		if (application == null || !this.applications.stop(id)) {
			return application;
		}
		return application.withState(State.STOPPING);
	}

	private static ApplicationDescriptor describe(DispatchedApplication application) {
		ApplicationDefinition definition = application.getDefinition();
		ApplicationInstance running = application.getRunning();
		State state = application.getState();
		return new ApplicationDescriptor(definition.id(), definition.group(), definition.name(), path(definition),
				sources(definition), state.name(), (running != null) ? running.getStartedAt() : null,
				(running != null) ? running.getStartupTime().toMillis() : null,
				(running != null) ? running.getInFlight() : 0, application.getRequests(),
				(running != null) ? lastUsed(running) : null,
				(state == State.FAILED) ? application.getFailure() : null);
	}

	private static ApplicationDescriptor describeStopping(ApplicationInstance running) {
		ApplicationDefinition definition = running.getDefinition();
		return new ApplicationDescriptor(definition.id(), definition.group(), definition.name(), path(definition),
				sources(definition), State.STOPPING.name(), running.getStartedAt(),
				running.getStartupTime().toMillis(), running.getInFlight(), null, lastUsed(running), null);
	}

	private static String path(ApplicationDefinition definition) {
		return definition.path().isEmpty() ? "/" : definition.path();
	}

	private static List<String> sources(ApplicationDefinition definition) {
		return definition.sources().stream().map(Class::getName).toList();
	}

	private static Instant lastUsed(ApplicationInstance running) {
		return Instant.now().minusNanos(System.nanoTime() - running.getLastUsed());
	}

	/**
	 * The dispatched applications.
	 *
	 * @param applications every mount and every live tenant
	 */
	public record ApplicationsDescriptor(List<ApplicationDescriptor> applications) implements OperationResponseBody {

	}

	/**
	 * A dispatched application.
	 *
	 * @param id its id: a mount's name, or {@code group:key} for a tenant
	 * @param group {@code mounts}, {@code subdomain} or {@code path}
	 * @param name the mount's name or the tenant's key
	 * @param path its path within the default application ({@code /} for a subdomain
	 * tenant)
	 * @param sources its configuration classes
	 * @param state {@code NOT_STARTED}, {@code STARTING}, {@code RUNNING}, {@code FAILED}
	 * or {@code STOPPING}
	 * @param startedAt when its running instance started
	 * @param startupTimeMillis how long its running instance took to start
	 * @param inFlight its requests in flight
	 * @param requests the requests it served, across restarts
	 * @param lastUsed when a request last entered it
	 * @param failure the message of its last failure to start, if it failed
	 */
	public record ApplicationDescriptor(String id, String group, String name, String path, List<String> sources,
			String state, @Nullable Instant startedAt, @Nullable Long startupTimeMillis, int inFlight,
			@Nullable Long requests, @Nullable Instant lastUsed, @Nullable String failure)
			implements OperationResponseBody {

		ApplicationDescriptor withState(State state) {
			return new ApplicationDescriptor(this.id, this.group, this.name, this.path, this.sources, state.name(),
					this.startedAt, this.startupTimeMillis, this.inFlight, this.requests, this.lastUsed, this.failure);
		}

	}

}
