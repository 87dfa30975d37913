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

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;

import dev.dispatch.web.DispatchedRequest;
import dev.dispatch.web.ServedApplication;
import dev.dispatch.web.ServletApplication;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletResponse;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.web.context.ConfigurableWebApplicationContext;

/**
 * A started instance of a dispatched application: its context, what it serves requests
 * with, and the requests in flight, which it closes after. For internal use only.
 *
 * @author Dispatch contributors
 */
public final class ApplicationInstance implements ServedApplication {

	private static final Log logger = LogFactory.getLog(ApplicationInstance.class);

	private final ApplicationDefinition definition;

	private final long sequence;

	private final @Nullable ConfigurableWebApplicationContext context;

	private final Runnable retired;

	private final AtomicBoolean retiring = new AtomicBoolean();

	private final Runnable closeContext;

	private final ServletApplication servlets;

	private final InFlightRequests inFlight = new InFlightRequests();

	private final AtomicBoolean closed = new AtomicBoolean();

	private final Instant startedAt = Instant.now();

	private volatile Duration startupTime = Duration.ZERO;

	private final List<Runnable> destroyedActions = new CopyOnWriteArrayList<>();

	private @Nullable Runnable admission;

	/**
	 * Create a started instance.
	 * @param definition what the application is made of
	 * @param sequence the number of its start, in the order of all starts
	 * @param context its context, refreshed
	 * @param servlets what it serves requests with
	 */
	public ApplicationInstance(ApplicationDefinition definition, long sequence,
			ConfigurableWebApplicationContext context, ServletApplication servlets) {
		this(definition, sequence, context, () -> {
		}, context::close, servlets);
	}

	/**
	 * Create a started instance of an application of a class loader of its own, whose
	 * context is of another Spring than the default application's.
	 * @param definition what the application is made of
	 * @param sequence the number of its start, in the order of all starts
	 * @param retired what runs once it lets no new request in, before its in-flight
	 * requests have finished: from then on, a start of its application is another
	 * instance's
	 * @param closeContext what closes its context, once its servlet and filters are
	 * destroyed
	 * @param servlets what it serves requests with
	 */
	public ApplicationInstance(ApplicationDefinition definition, long sequence, Runnable retired, Runnable closeContext,
			ServletApplication servlets) {
		this(definition, sequence, null, retired, closeContext, servlets);
	}

	private ApplicationInstance(ApplicationDefinition definition, long sequence,
			@Nullable ConfigurableWebApplicationContext context, Runnable retired, Runnable closeContext,
			ServletApplication servlets) {
		this.definition = definition;
		this.sequence = sequence;
		this.context = context;
		this.retired = retired;
		this.closeContext = closeContext;
		this.servlets = servlets;
	}

	public ApplicationDefinition getDefinition() {
		return this.definition;
	}

	long getSequence() {
		return this.sequence;
	}

	/**
	 * Return the instance's context, unless it runs in a class loader of its own.
	 * @return its context, or {@code null} if it is of another Spring than the default
	 * application's
	 */
	public @Nullable ConfigurableWebApplicationContext getContext() {
		return this.context;
	}

	@Override
	public ServletApplication servlets() {
		return this.servlets;
	}

	/**
	 * Return when the instance was last used: when a request last entered it, or now
	 * while it has open connections such as WebSocket sessions.
	 * @return a {@link System#nanoTime()} value
	 */
	public long getLastUsed() {
		return this.servlets.connections().lastUsed(this.inFlight.lastEntered());
	}

	void started(Duration startupTime) {
		this.startupTime = startupTime;
	}

	public Instant getStartedAt() {
		return this.startedAt;
	}

	public Duration getStartupTime() {
		return this.startupTime;
	}

	public int getInFlight() {
		return this.inFlight.count();
	}

	InFlightRequests inFlight() {
		return this.inFlight;
	}

	@Override
	public void serve(DispatchedRequest request, HttpServletResponse response) throws IOException, ServletException {
		try {
			this.servlets.serve(request, response);
		}
		finally {
			if (request.isAsyncStarted()) {
				this.inFlight.holdUntilComplete(request);
			}
			this.inFlight.release();
		}
	}

	@Override
	public void enter() {
		this.inFlight.enterLater();
	}

	/**
	 * Stop letting new requests in, and close the instance on the given executor once its
	 * in-flight requests have finished. Returns at once.
	 * @param executor the executor that closes the instance
	 */
	void closeWhenIdle(Executor executor) {
		retire();
		this.inFlight.closeWhenIdle(() -> {
			if (this.closed.compareAndSet(false, true)) {
				executor.execute(this::destroy);
			}
		});
	}

	/**
	 * Stop letting new requests in and close the instance once its in-flight requests
	 * have finished, waiting for them at most the given time. Failures are logged, never
	 * thrown, so that closing one instance never keeps the others open.
	 * @param timeout the maximum time to wait for in-flight requests
	 */
	public void close(Duration timeout) {
		retire();
		if (!this.inFlight.closeAndAwaitIdle(timeout)) {
			logger.warn("Closing " + this.definition.description() + " with " + this.inFlight.count()
					+ " requests still in flight after " + timeout.toMillis() + "ms");
		}
		if (this.closed.compareAndSet(false, true)) {
			destroy();
		}
	}

	public boolean isClosed() {
		return this.closed.get();
	}

	/**
	 * Run the given action once the instance is destroyed.
	 * @param action the action
	 */
	void onDestroyed(Runnable action) {
		this.destroyedActions.add(action);
	}

	/**
	 * Hold the place that the instance was admitted to, given back when it is destroyed.
	 * @param release what gives it back
	 */
	synchronized void holdAdmission(Runnable release) {
		this.admission = release;
	}

	/**
	 * Hand the place that the instance holds to the instance that replaces it, so that a
	 * restart takes no second place.
	 * @param successor the instance that replaces it
	 */
	void handAdmissionTo(ApplicationInstance successor) {
		Runnable release;
		synchronized (this) {
			release = this.admission;
			this.admission = null;
		}
		if (release != null) {
			successor.holdAdmission(release);
		}
	}

	private void retire() {
		if (this.retiring.compareAndSet(false, true)) {
			this.retired.run();
		}
	}

	private void destroy() {
		Runnable admission;
		synchronized (this) {
			admission = this.admission;
			this.admission = null;
		}
		if (admission != null) {
			// Last, once the instance is gone: a start that waits for its place may begin
			this.destroyedActions.add(admission);
		}
		this.servlets.destroy(this::destroy);
		destroy("context", this.closeContext);
		destroy("servlet context attributes", this.servlets::clearServletContextAttributes);
		this.destroyedActions.forEach(Runnable::run);
	}

	private void destroy(String what, Runnable action) {
		try {
			action.run();
		}
		catch (RuntimeException ex) {
			logger.warn("Failed to destroy the " + what + " of " + this.definition.description(), ex);
		}
	}

	@Override
	public String toString() {
		return this.definition.description();
	}

}
