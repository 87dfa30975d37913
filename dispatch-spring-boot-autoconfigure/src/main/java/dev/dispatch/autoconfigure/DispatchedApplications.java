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
import java.util.List;

import org.jspecify.annotations.Nullable;

import org.springframework.web.context.WebApplicationContext;

/**
 * The dispatched applications of the default application: its mounts and its live
 * tenants, what they are, how they are doing, and what happens to them. The Actuator
 * endpoint, health contributor and metrics read them through this interface; tests of one
 * application alone get its context: <pre class="code">
 * MockMvc backend = MockMvcBuilders
 *     .webAppContextSetup(applications.getApplicationContext("backend"))
 *     .build();
 * </pre> Applications are identified by a mount's name, or {@code subdomain:<key>} and
 * {@code path:<key>} for tenants.
 *
 * @author Dispatch contributors
 */
public interface DispatchedApplications {

	/**
	 * Return the application context of a mount or tenant, starting it if needed.
	 * @param id the name of a mount, or {@code subdomain:<key>} or {@code path:<key>} for
	 * a tenant
	 * @return the application's context
	 * @throws IllegalArgumentException if no mount or tenant has that id
	 * @throws IllegalStateException if the application fails to start
	 */
	WebApplicationContext getApplicationContext(String id);

	/**
	 * Describe every mount and every live tenant, those stopped that still finish their
	 * requests included, without starting anything.
	 * @return the descriptions, mounts first
	 */
	List<Application> getApplications();

	/**
	 * Describe one mount or live tenant, without starting anything.
	 * @param id the application's id
	 * @return the description, or {@code null} if no mount or live tenant has that id
	 */
	@Nullable Application getApplication(String id);

	/**
	 * Stop a running application: it takes no new requests, closes once its in-flight
	 * requests have finished, and its next request starts it afresh.
	 * @param id the application's id
	 * @return whether an application was running under that id
	 */
	boolean stop(String id);

	/**
	 * Restart a running application without downtime: a new instance starts beside the
	 * running one, from its configuration as it is now (a tenant's, as its directory says
	 * now), and takes the new requests once it has started; the old one finishes its
	 * in-flight requests and closes. If the new one fails to start, the old one keeps
	 * serving and the failure is logged and described by {@link #getApplication(String)}.
	 * An application that is not running is left alone: its next request starts it.
	 * @param id the application's id
	 * @return whether a new instance replaced a running one
	 * @throws IllegalStateException if the new instance failed to start
	 */
	boolean restart(String id);

	/**
	 * Describe the groups of applications: the mounts, if any, and each tenant group.
	 * @return the groups
	 */
	List<Group> getGroups();

	/**
	 * Describe the line in which applications start
	 * ({@code dispatch.max-concurrent-starts}, {@code dispatch.max-waiting-starts}).
	 * @return the line of starts
	 */
	Starts getStarts();

	/**
	 * Add a listener, which hears of every start and stop from now on.
	 * @param listener the listener
	 */
	void addListener(Listener listener);

	/**
	 * The states of an application.
	 */
	enum State {

		/**
		 * Not started yet: a lazy application before its first request, or one that was
		 * stopped and takes its next request to start again.
		 */
		NOT_STARTED,

		/**
		 * Starting.
		 */
		STARTING,

		/**
		 * Started, serving requests.
		 */
		RUNNING,

		/**
		 * Its last start failed; it answers 503 until the back-off has passed.
		 */
		FAILED,

		/**
		 * Stopped: it takes no new requests, and closes once its in-flight requests have
		 * finished.
		 */
		STOPPING

	}

	/**
	 * The line in which applications start.
	 *
	 * @param running the starts that run
	 * @param waiting the starts that requests wait for, in line
	 * @param waitingInBackground the starts that no request waits for (pre-starts,
	 * restarts), in line behind them
	 * @param refused the starts refused since the default application started, because as
	 * many as {@code dispatch.max-waiting-starts} waited: their requests got a 503
	 */
	record Starts(int running, int waiting, int waitingInBackground, long refused) {

	}

	/**
	 * A dispatched application.
	 *
	 * @param id its id: a mount's name, or {@code group:key} for a tenant
	 * @param group {@code mounts}, {@code subdomain} or {@code path}
	 * @param name the mount's name or the tenant's key
	 * @param path its path within the default application ({@code /} for a subdomain
	 * tenant)
	 * @param sources the names of its configuration classes
	 * @param state its state
	 * @param startedAt when its running instance started, if it runs
	 * @param startupTime how long its running instance took to start, if it runs
	 * @param inFlight its requests in flight
	 * @param requests the requests it served across restarts, if it is known
	 * @param rejected the requests it turned away across restarts because it served as
	 * many as it may ({@code max-concurrent-requests}), if it is known
	 * @param lastUsed when a request last entered it, if it runs
	 * @param failure the message of its last failure to start, if it failed, or of its
	 * last failed restart while it runs
	 * @param context the context of its running instance, if it runs
	 */
	record Application(String id, String group, String name, String path, List<String> sources, State state,
			@Nullable Instant startedAt, @Nullable Duration startupTime, int inFlight, @Nullable Long requests,
			@Nullable Long rejected, @Nullable Instant lastUsed, @Nullable String failure,
			@Nullable WebApplicationContext context) {

		/**
		 * Return this description in another state.
		 * @param state the state
		 * @return the description
		 */
		public Application withState(State state) {
			return new Application(this.id, this.group, this.name, this.path, this.sources, state, this.startedAt,
					this.startupTime, this.inFlight, this.requests, this.rejected, this.lastUsed, this.failure,
					this.context);
		}

	}

	/**
	 * A group of applications: the mounts, or a tenant group.
	 *
	 * @param name {@code mounts}, {@code subdomain} or {@code path}
	 * @param live the number of its live instances, stopped ones that still finish their
	 * requests included for a tenant group
	 * @param requests the requests that its applications served
	 */
	record Group(String name, int live, long requests) {

	}

	/**
	 * Hears of the starts and stops of dispatched applications.
	 */
	interface Listener {

		/**
		 * Called when an application has started.
		 * @param application the application, running
		 * @param startupTime how long its start took
		 */
		default void started(Application application, Duration startupTime) {
		}

		/**
		 * Called when a running application was stopped: a tenant to make room or because
		 * it was idle, or any application on request. Not called when the default
		 * application closes.
		 * @param application the application, stopping
		 */
		default void stopped(Application application) {
		}

		/**
		 * Called when an application turned a request away because it served as many as
		 * it may ({@code max-concurrent-requests}).
		 * @param application the application
		 */
		default void rejected(Application application) {
		}

	}

}
