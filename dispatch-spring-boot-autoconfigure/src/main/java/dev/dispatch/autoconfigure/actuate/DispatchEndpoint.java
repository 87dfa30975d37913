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

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import dev.dispatch.autoconfigure.DispatchedApplications;
import dev.dispatch.autoconfigure.DispatchedApplications.Application;
import dev.dispatch.autoconfigure.DispatchedApplications.Starts;
import dev.dispatch.autoconfigure.DispatchedApplications.State;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.actuate.endpoint.OperationResponseBody;
import org.springframework.boot.actuate.endpoint.annotation.DeleteOperation;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.Selector;
import org.springframework.boot.actuate.endpoint.annotation.WriteOperation;

/**
 * {@link Endpoint @Endpoint} that lists the dispatched applications, every mount and
 * every live tenant, with their state and traffic, and stops or restarts one on request.
 * Applications are identified by a mount's name, or {@code subdomain:<key>} and
 * {@code path:<key>} for tenants.
 *
 * @author Dispatch contributors
 */
@Endpoint(id = "dispatch")
public class DispatchEndpoint {

	private final DispatchedApplications applications;

	/**
	 * Create an endpoint.
	 * @param applications the dispatched applications
	 */
	public DispatchEndpoint(DispatchedApplications applications) {
		this.applications = applications;
	}

	/**
	 * Describe every mount and every live tenant.
	 * @return the descriptions
	 */
	@ReadOperation
	public ApplicationsDescriptor applications() {
		return new ApplicationsDescriptor(this.applications.getStarts(),
				this.applications.getApplications().stream().map(DispatchEndpoint::descriptor).toList());
	}

	/**
	 * Describe one application.
	 * @param id a mount's name, or {@code subdomain:<key>} or {@code path:<key>}
	 * @return the description, or {@code null} (404) if no mount or live tenant has that
	 * id
	 */
	@ReadOperation
	public @Nullable ApplicationDescriptor application(@Selector String id) {
		Application application = this.applications.getApplication(id);
		return (application != null) ? descriptor(application) : null;
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
		Application application = this.applications.getApplication(id);
		if (application == null || !this.applications.stop(id)) {
			return (application != null) ? descriptor(application) : null;
		}
		return descriptor(application.withState(State.STOPPING));
	}

	/**
	 * Restart a running application without downtime: a new instance starts beside the
	 * running one and takes the new requests once it has started. If it fails to start,
	 * the running one keeps serving and the description says why.
	 * @param id a mount's name, or {@code subdomain:<key>} or {@code path:<key>}
	 * @return the application's description after the restart, or {@code null} (no
	 * content) if no mount or live tenant has that id
	 */
	@WriteOperation
	public @Nullable ApplicationDescriptor restart(@Selector String id) {
		if (this.applications.getApplication(id) == null) {
			return null;
		}
		try {
			this.applications.restart(id);
		}
		catch (IllegalStateException ex) {
			// Logged, and described below
		}
		Application application = this.applications.getApplication(id);
		return (application != null) ? descriptor(application) : null;
	}

	private static ApplicationDescriptor descriptor(Application application) {
		Duration startupTime = application.startupTime();
		return new ApplicationDescriptor(application.id(), application.group(), application.name(), application.path(),
				application.sources(), application.state().name(), application.startedAt(),
				(startupTime != null) ? startupTime.toMillis() : null, application.inFlight(), application.requests(),
				application.rejected(), application.lastUsed(), application.failure());
	}

	/**
	 * The dispatched applications.
	 *
	 * @param starts the line in which they start
	 * @param applications every mount and every live tenant
	 */
	public record ApplicationsDescriptor(Starts starts,
			List<ApplicationDescriptor> applications) implements OperationResponseBody {

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
	 * @param rejected the requests it turned away because it served as many as it may,
	 * across restarts
	 * @param lastUsed when a request last entered it
	 * @param failure the message of its last failure to start, if it failed
	 */
	public record ApplicationDescriptor(String id, String group, String name, String path, List<String> sources,
			String state, @Nullable Instant startedAt, @Nullable Long startupTimeMillis, int inFlight,
			@Nullable Long requests, @Nullable Long rejected, @Nullable Instant lastUsed,
			@Nullable String failure) implements OperationResponseBody {

	}

}
