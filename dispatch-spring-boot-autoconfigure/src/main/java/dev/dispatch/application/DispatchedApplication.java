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
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.LongAdder;

import dev.dispatch.web.ApplicationUnavailableException;
import dev.dispatch.web.DispatchTarget;
import dev.dispatch.web.ServedApplication;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

/**
 * One dispatched application, a mount or a tenant: started on first use, exactly once
 * however many requests ask for it together, and started again after a failure once a
 * back-off has passed. For internal use only.
 * <p>
 * A start runs on a thread of its own, which the requests that need the application wait
 * for, each at most the start timeout: a start that hangs costs those requests a 503,
 * never a thread of every request that comes after. The lock is held only to look at the
 * state, never during a start, so a slow start holds up nothing else, stopping included.
 *
 * @author Dispatch contributors
 */
public final class DispatchedApplication implements DispatchTarget {

	private static final Log logger = LogFactory.getLog(DispatchedApplication.class);

	// A busy application's requests take about a second or less: the flood that made it
	// busy is usually still there, so sooner would only be turned away again
	private static final Duration BUSY_RETRY_AFTER = Duration.ofSeconds(1);

	private volatile ApplicationDefinition definition;

	private final ApplicationStarter starter;

	private final StartSettings settings;

	private final Admission admission;

	private final Object lock = new Object();

	private volatile @Nullable ApplicationInstance running;

	private final LongAdder requests = new LongAdder();

	private final LongAdder rejected = new LongAdder();

	// Guarded by the lock
	private @Nullable Start starting;

	private long retryAt;

	private boolean failed;

	private @Nullable String failure;

	private boolean stopped;

	private boolean restarting;

	/**
	 * Create an application that is not started yet.
	 * @param definition what it is made of
	 * @param starter what starts its instances
	 * @param settings how it starts
	 * @param admission what it needs before each start
	 */
	public DispatchedApplication(ApplicationDefinition definition, ApplicationStarter starter, StartSettings settings,
			Admission admission) {
		this.definition = definition;
		this.starter = starter;
		this.settings = settings;
		this.admission = admission;
	}

	public ApplicationDefinition getDefinition() {
		return this.definition;
	}

	/**
	 * Return the running instance, started if needed, with a request entered.
	 * @return the instance
	 * @throws ApplicationUnavailableException if it failed to start, now or less than the
	 * back-off ago, did not start within the start timeout, or is stopped
	 */
	@Override
	public ServedApplication acquire() {
		ApplicationInstance instance = tryAcquire();
		if (instance == null) {
			throw new ApplicationUnavailableException(this.definition.description(), 0);
		}
		return instance;
	}

	/**
	 * Return the running instance, started if needed, with a request entered.
	 * @return the instance, or {@code null} if the application is stopped
	 * @throws ApplicationUnavailableException if it failed to start, now or less than the
	 * back-off ago, did not start within the start timeout, or serves as many requests as
	 * it may
	 */
	@Nullable ApplicationInstance tryAcquire() {
		int limit = this.definition.maxConcurrentRequests();
		ApplicationInstance running = this.running;
		Start start = null;
		if (running == null) {
			synchronized (this.lock) {
				running = this.running;
				if (running == null) {
					start = join();
					if (start == null) {
						return null;
					}
					if (limit > 0 && start.waiting >= limit) {
						throw busy();
					}
					start.waiting++;
				}
			}
		}
		if (start != null) {
			// A request that waited for the start was entered by it, before anything
			// could close the instance
			running = awaitEntered(start);
		}
		else {
			InFlightRequests.Entry entry = running.inFlight().tryEnter(limit);
			if (entry == InFlightRequests.Entry.BUSY) {
				throw busy();
			}
			running = (entry == InFlightRequests.Entry.IN) ? running : null;
		}
		if (running != null) {
			this.requests.increment();
		}
		return running;
	}

	private ApplicationUnavailableException busy() {
		this.rejected.increment();
		this.settings.listener().rejected(this);
		return new ApplicationUnavailableException(this.definition.description(), BUSY_RETRY_AFTER.toNanos());
	}

	/**
	 * Return the number of requests that the application turned away because it served as
	 * many as it may ({@code max-concurrent-requests}), across its restarts.
	 * @return the count
	 */
	public long getRejected() {
		return this.rejected.sum();
	}

	/**
	 * Return the number of requests the application served, across its restarts.
	 * @return the request count
	 */
	public long getRequests() {
		return this.requests.sum();
	}

	/**
	 * Return the running instance, starting it if needed, without entering a request.
	 * @return the instance, or {@code null} if the application is stopped
	 * @throws ApplicationUnavailableException if it failed to start, now or less than the
	 * back-off ago, or did not start within the start timeout
	 */
	public @Nullable ApplicationInstance awaitStarted() {
		ApplicationInstance running = this.running;
		if (running != null) {
			return running;
		}
		Start start;
		synchronized (this.lock) {
			running = this.running;
			if (running != null) {
				return running;
			}
			start = join();
			if (start == null) {
				return null;
			}
		}
		return await(start.future);
	}

	/**
	 * Return the start in progress, beginning one if needed. Called with the lock held.
	 * @return the start, or {@code null} if the application is stopped
	 * @throws ApplicationUnavailableException if it failed less than the back-off ago
	 */
	private @Nullable Start join() {
		if (this.stopped) {
			return null;
		}
		long wait = this.retryAt - System.nanoTime();
		if (this.failed && wait > 0) {
			throw new ApplicationUnavailableException(this.definition.description(), wait);
		}
		if (this.starting == null) {
			Start start = new Start();
			try {
				this.settings.starts().submit(() -> run(start));
			}
			catch (RejectedExecutionException ex) {
				// Not a failure: the next request asks again
				throw new ApplicationUnavailableException(this.definition.description(),
						this.settings.starts().estimatedWaitNanos());
			}
			this.starting = start;
		}
		else if (this.starting.background != null) {
			// A request waits for it now
			this.settings.starts().promote(this.starting.background);
			this.starting.background = null;
		}
		return this.starting;
	}

	/**
	 * Start the application in the background, behind the starts that requests wait for,
	 * unless it is running, starting or stopped, or failed less than the back-off ago.
	 * @return whether a start was asked for
	 */
	public boolean startInBackground() {
		synchronized (this.lock) {
			if (this.running != null || this.starting != null || this.stopped
					|| (this.failed && this.retryAt - System.nanoTime() > 0)) {
				return false;
			}
			Start start = new Start();
			this.starting = start;
			start.background = () -> runInBackground(start);
			this.settings.starts().submitInBackground(start.background);
			return true;
		}
	}

	private void run(Start start) {
		run(start, null);
	}

	private void run(Start start, @Nullable Runnable admitted) {
		try {
			start.future.complete(startLogged(true, admitted));
		}
		catch (RuntimeException | Error ex) {
			start.future.completeExceptionally(ex);
		}
	}

	// A start that no request asked for takes no room that another needs, unless a
	// request has asked for it meanwhile
	private void runInBackground(Start start) {
		Runnable admitted = this.admission.admitIfRoom(this.definition);
		if (admitted == null) {
			synchronized (this.lock) {
				if (start.waiting == 0) {
					start.completed = true;
					this.starting = null;
					start.future.completeExceptionally(new IllegalStateException("No room to start"));
					return;
				}
			}
		}
		run(start, admitted);
	}

	private ApplicationInstance awaitEntered(Start start) {
		try {
			return await(start.future);
		}
		catch (ApplicationUnavailableException ex) {
			synchronized (this.lock) {
				if (!start.completed) {
					start.waiting--;
				}
				else if (start.running != null) {
					// Entered by the start just as this request gave up on it
					start.running.inFlight().release();
				}
			}
			throw ex;
		}
	}

	private ApplicationInstance await(CompletableFuture<ApplicationInstance> start) {
		Duration timeout = this.settings.timeout();
		try {
			return start.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
		}
		catch (TimeoutException ex) {
			logger.warn("The " + this.definition.description() + " has not started within " + timeout.toMillis()
					+ "ms; it answers 503 until it has");
			throw new ApplicationUnavailableException(this.definition.description(), timeout.toNanos());
		}
		catch (ExecutionException ex) {
			throw new ApplicationUnavailableException(this.definition.description(), this.settings.backoff().toNanos());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new ApplicationUnavailableException(this.definition.description(), 0);
		}
	}

	/**
	 * Start the application on the calling thread, unless it is running already, without
	 * a timeout: for eager applications, which start with the default application.
	 * @return the running instance
	 * @throws DispatchedApplicationStartupException if it fails to start
	 */
	public ApplicationInstance start() {
		Start start;
		boolean startHere = false;
		synchronized (this.lock) {
			ApplicationInstance running = this.running;
			if (running != null) {
				return running;
			}
			if (this.starting == null) {
				this.starting = new Start();
				startHere = true;
			}
			start = this.starting;
		}
		if (startHere) {
			try {
				start.future.complete(startLogged(false, null));
			}
			catch (DispatchedApplicationStartupException ex) {
				start.future.completeExceptionally(ex);
				throw ex;
			}
		}
		try {
			return start.future.join();
		}
		catch (CompletionException ex) {
			throw (ex.getCause() instanceof DispatchedApplicationStartupException startupFailure) ? startupFailure : ex;
		}
	}

	private ApplicationInstance startLogged(boolean logFailure, @Nullable Runnable admitted) {
		long startedAt = System.nanoTime();
		ApplicationInstance running;
		try {
			Runnable release = (admitted != null) ? admitted : this.admission.admit(this.definition);
			try {
				running = this.starter.start(this.definition);
			}
			catch (DispatchedApplicationStartupException ex) {
				release.run();
				throw ex;
			}
			running.holdAdmission(release);
		}
		catch (DispatchedApplicationStartupException ex) {
			if (logFailure) {
				logger.error(
						"Failed to start " + this.definition.description() + "; it answers 503 for "
								+ this.settings.backoff().toMillis() + "ms before a request starts it again",
						ex.getCause());
			}
			synchronized (this.lock) {
				this.failed = true;
				this.failure = String.valueOf(ex.getCause().getMessage());
				this.retryAt = System.nanoTime() + this.settings.backoff().toNanos();
				if (this.starting != null) {
					this.starting.completed = true;
				}
				this.starting = null;
			}
			throw ex;
		}
		Duration startupTime = Duration.ofNanos(System.nanoTime() - startedAt);
		running.started(startupTime);
		logger.info("Started " + this.definition.description() + " in " + startupTime.toMillis() + " ms");
		boolean stoppedWhileStarting;
		synchronized (this.lock) {
			Start start = this.starting;
			if (start != null) {
				start.completed = true;
				start.running = running;
				running.inFlight().enter(start.waiting);
			}
			this.starting = null;
			this.failed = false;
			this.failure = null;
			stoppedWhileStarting = this.stopped;
			if (!stoppedWhileStarting) {
				this.running = running;
			}
		}
		// Only once it is running: a listener may stop it, to make room for another
		this.settings.listener().started(running, startupTime);
		if (stoppedWhileStarting) {
			// Nobody else will close it, once the requests that waited for it are served
			this.settings.closer().close(running);
		}
		return running;
	}

	// A restart's old instance serves meanwhile, so it gives way to the starts that
	// requests wait for
	private ApplicationInstance startBehindRequests(ApplicationDefinition definition) {
		CompletableFuture<ApplicationInstance> started = new CompletableFuture<>();
		this.settings.starts().submitInBackground(() -> {
			try {
				started.complete(this.starter.start(definition));
			}
			catch (RuntimeException | Error ex) {
				started.completeExceptionally(ex);
			}
		});
		try {
			return started.join();
		}
		catch (CompletionException ex) {
			if (ex.getCause() instanceof RuntimeException cause) {
				throw cause;
			}
			throw ex;
		}
	}

	/**
	 * Start a new instance beside the running one, switch new requests to it once it has
	 * started, and close the old one once its in-flight requests have finished: a restart
	 * without downtime. The new instance takes the old one's place among its group's
	 * {@code max-instances}. If the new one fails to start, the old one keeps serving and
	 * the failure is logged and kept for the endpoint. An application that is not running
	 * is not started: its next request starts it with the given definition.
	 * @param definition what the new instance is made of: the current definition, or a
	 * changed one
	 * @return whether a new instance replaced a running one
	 * @throws DispatchedApplicationStartupException if the new instance failed to start
	 */
	public boolean restart(ApplicationDefinition definition) {
		ApplicationInstance old;
		synchronized (this.lock) {
			if (this.stopped) {
				return false;
			}
			this.definition = definition;
			old = this.running;
			if (old == null || this.restarting) {
				// Not running: its next start reads the definition. Restarting: the
				// restart in progress gives way to no other
				return false;
			}
			this.restarting = true;
		}
		long startedAt = System.nanoTime();
		ApplicationInstance replacement;
		try {
			replacement = startBehindRequests(definition);
		}
		catch (DispatchedApplicationStartupException ex) {
			logger.error("Failed to restart " + definition.description() + "; its running instance keeps serving",
					ex.getCause());
			synchronized (this.lock) {
				this.restarting = false;
				this.failure = String.valueOf(ex.getCause().getMessage());
			}
			throw ex;
		}
		Duration startupTime = Duration.ofNanos(System.nanoTime() - startedAt);
		replacement.started(startupTime);
		boolean replaced;
		synchronized (this.lock) {
			this.restarting = false;
			replaced = !this.stopped && this.running == old;
			if (replaced) {
				// Requests that hold the old instance finish on it; new ones get this
				old.handAdmissionTo(replacement);
				this.running = replacement;
				this.failure = null;
			}
		}
		if (!replaced) {
			// Stopped meanwhile, or made room for another tenant: nothing serves it
			this.settings.closer().close(replacement);
			return false;
		}
		logger.info("Restarted " + definition.description() + " in " + startupTime.toMillis() + " ms");
		this.settings.listener().started(replacement, startupTime);
		this.settings.closer().closeStopped(old, StopReason.REPLACED, this.settings.listener());
		return true;
	}

	/**
	 * Stop handing out the running instance, if any: from now on the application is not
	 * started again until {@link #reopen()}. A start in progress is not waited for: its
	 * instance closes as soon as it has started.
	 * @return the instance that was running, for the caller to close
	 */
	public @Nullable ApplicationInstance stop() {
		synchronized (this.lock) {
			this.stopped = true;
			ApplicationInstance running = this.running;
			this.running = null;
			return running;
		}
	}

	/**
	 * Let requests start the application again after {@link #stop()}.
	 */
	public void reopen() {
		synchronized (this.lock) {
			this.stopped = false;
			this.failed = false;
		}
	}

	/**
	 * Return the application's state.
	 * @return the state
	 */
	public State getState() {
		synchronized (this.lock) {
			if (this.running != null) {
				return State.RUNNING;
			}
			if (this.starting != null) {
				return State.STARTING;
			}
			return this.failed ? State.FAILED : State.NOT_STARTED;
		}
	}

	/**
	 * Return the message of the last failure to start, if the application failed.
	 * @return the message or {@code null}
	 */
	public @Nullable String getFailure() {
		synchronized (this.lock) {
			return this.failure;
		}
	}

	/**
	 * Return the running instance, if any, without starting it.
	 * @return the running instance or {@code null}
	 */
	public @Nullable ApplicationInstance getRunning() {
		return this.running;
	}

	boolean isFailed() {
		synchronized (this.lock) {
			return this.failed;
		}
	}

	public boolean isRunning() {
		return this.running != null;
	}

	/**
	 * Return when the running instance was last used.
	 * @return a {@link System#nanoTime()} value, or {@link Long#MAX_VALUE} if the
	 * application is not running
	 */
	long getLastUsed() {
		ApplicationInstance running = this.running;
		return (running != null) ? running.getLastUsed() : Long.MAX_VALUE;
	}

	@Override
	public String toString() {
		return this.definition.description();
	}

	/**
	 * A start in progress and the requests that wait for it. Guarded by the lock.
	 */
	private static final class Start {

		private final CompletableFuture<ApplicationInstance> future = new CompletableFuture<>();

		private int waiting;

		private boolean completed;

		private @Nullable ApplicationInstance running;

		// Its task in the background line, until a request waits for it
		private @Nullable Runnable background;

	}

	/**
	 * The states of an application.
	 */
	public enum State {

		/**
		 * Not started yet, or stopped.
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
		 * Its last start failed.
		 */
		FAILED

	}

}
