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
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.LongAdder;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import dev.dispatch.context.ApplicationInstanceFactory;
import dev.dispatch.web.ApplicationUnavailableException;

/**
 * One dispatched application: started on first use, exactly once however many requests
 * ask for it together, and started again after a failure once a back-off has passed.
 * <p>
 * A start runs on a thread of its own, which the requests that need the application
 * wait for, each at most the start timeout: a start that hangs costs those requests a
 * 503, never a thread of every request that comes after. The lock is held only to look
 * at the state, never during a start, so a slow start holds up nothing else, detaching
 * included.
 *
 * @author Dispatch contributors
 */
public final class DispatchedApplication {

	private static final Log logger = LogFactory.getLog(DispatchedApplication.class);

	private final ApplicationDefinition definition;

	private final ApplicationInstanceFactory factory;

	private final StartSettings settings;

	private final Object lock = new Object();

	private volatile @Nullable ApplicationInstance running;

	private final LongAdder requests = new LongAdder();

	private @Nullable Start starting;

	private long retryAt;

	private boolean failed;

	private @Nullable String failure;

	private boolean detached;

	public DispatchedApplication(ApplicationDefinition definition, ApplicationInstanceFactory factory, StartSettings settings) {
		this.definition = definition;
		this.factory = factory;
		this.settings = settings;
	}

	public ApplicationDefinition getDefinition() {
		return this.definition;
	}

	/**
	 * Return the running application, started if needed, with a request
	 * {@link ApplicationInstance#tryEnter() entered}.
	 * @return the running application, or {@code null} if it is detached
	 * @throws ApplicationUnavailableException if it failed to start, now or less than the
	 * back-off ago, or did not start within the start timeout
	 */
	public @Nullable ApplicationInstance acquire() {
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
					start.waiting++;
				}
			}
		}
		// A request that waited for the start was entered by it, before anything could
		// close the application
		running = (start != null) ? awaitEntered(start) : (running.tryEnter() ? running : null);
		if (running != null) {
			this.requests.increment();
		}
		return running;
	}

	/**
	 * Return the number of requests the application served, across its restarts.
	 * @return the request count
	 */
	public long getRequests() {
		return this.requests.sum();
	}

	/**
	 * Return the running application, starting it if needed.
	 * @return the running application, or {@code null} if it is detached
	 * @throws ApplicationUnavailableException if it failed to start, now or less than the
	 * back-off ago, or did not start within the start timeout
	 */
	public @Nullable ApplicationInstance getOrStart() {
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
	 * @return the start, or {@code null} if the application is detached
	 * @throws ApplicationUnavailableException if it failed less than the back-off ago
	 */
	private @Nullable Start join() {
		if (this.detached) {
			return null;
		}
		long wait = this.retryAt - System.nanoTime();
		if (this.failed && wait > 0) {
			throw new ApplicationUnavailableException(this.definition.description(), wait);
		}
		if (this.starting == null) {
			Start start = new Start();
			this.starting = start;
			CompletableFuture.supplyAsync(this::start, this.settings.starter()).whenComplete((running, failure) -> {
				if (failure != null) {
					start.future.completeExceptionally(failure);
				}
				else {
					start.future.complete(running);
				}
			});
		}
		return this.starting;
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
					start.running.exit();
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
	 * @return the running application
	 * @throws DispatchedApplicationStartupException if it fails to start
	 */
	ApplicationInstance startNow() {
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
				start.future.complete(startLogged(false));
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
			throw (ex.getCause() instanceof DispatchedApplicationStartupException failure) ? failure : ex;
		}
	}

	private ApplicationInstance start() {
		return startLogged(true);
	}

	private ApplicationInstance startLogged(boolean logFailure) {
		long startedAt = System.nanoTime();
		ApplicationInstance running;
		try {
			Runnable release = this.settings.admission().admit(this.definition);
			try {
				running = this.factory.start(this.definition);
			}
			catch (DispatchedApplicationStartupException ex) {
				release.run();
				throw ex;
			}
			running.onDestroyed(release);
		}
		catch (DispatchedApplicationStartupException ex) {
			if (logFailure) {
				logger.error("Failed to start " + this.definition.description() + "; it answers 503 for "
						+ this.settings.backoff().toMillis() + "ms before a request starts it again", ex.getCause());
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
		this.settings.listener().started(running, startupTime);
		synchronized (this.lock) {
			Start start = this.starting;
			if (start != null) {
				start.completed = true;
				start.running = running;
				running.enter(start.waiting);
			}
			this.starting = null;
			this.failed = false;
			this.failure = null;
			if (!this.detached) {
				this.running = running;
				return running;
			}
		}
		// Detached while it started: nobody else will close it, once the requests that
		// waited for it have been served
		this.settings.closer().close(running);
		return running;
	}

	/**
	 * Stop handing out the running application, if any: from now on the application is
	 * not started again until {@link #reopen()}. A start in progress is not waited for:
	 * the application closes as soon as it has started.
	 * @return the application that was running, for the caller to close
	 */
	public @Nullable ApplicationInstance detach() {
		synchronized (this.lock) {
			this.detached = true;
			ApplicationInstance running = this.running;
			this.running = null;
			return running;
		}
	}

	/**
	 * Let requests start the application again after {@link #detach()}.
	 */
	void reopen() {
		synchronized (this.lock) {
			this.detached = false;
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
	 * Return the running application, if any, without starting it.
	 * @return the running application or {@code null}
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
	 * Return when a request last entered the running application.
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

	}

	/**
	 * The states of an application.
	 */
	public enum State {

		NOT_STARTED, STARTING, RUNNING, FAILED, STOPPING

	}

	/**
	 * How applications start and what happens when they do not.
	 *
	 * @param starter the executor that applications start on
	 * @param timeout how long a request waits for an application to start
	 * @param backoff how long a failed application answers 503 before it is retried
	 * @param closer the executor that closes applications
	 * @param admission what an application needs before it starts
	 * @param listener what hears of starts and evictions
	 */
	public record StartSettings(Executor starter, Duration timeout, Duration backoff, InstanceCloser closer, Admission admission,
			DispatchListener listener) {

		StartSettings withAdmission(Admission admission) {
			return new StartSettings(this.starter, this.timeout, this.backoff, this.closer, admission, this.listener);
		}

	}

	/**
	 * Lets applications start, for example within a limit of live applications.
	 */
	@FunctionalInterface
	public interface Admission {

		/**
		 * Admission that lets every application start.
		 */
		Admission ANY = (definition) -> () -> {
		};

		/**
		 * Admit an application to start, waiting if needed.
		 * @param definition the application
		 * @return what to run once the application is destroyed, or has failed to start
		 * @throws DispatchedApplicationStartupException if the application cannot be admitted
		 */
		Runnable admit(ApplicationDefinition definition);

	}

}
