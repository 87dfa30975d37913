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
import java.util.concurrent.TimeUnit;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

/**
 * One dispatched application: started on first use, exactly once however many requests
 * ask for it together, and started again after a failure once a back-off has passed.
 * Each application has a lock of its own, so a slow start holds up only the requests
 * that wait for that application.
 *
 * @author Dispatch contributors
 */
final class ChildApplication {

	private static final Log logger = LogFactory.getLog(ChildApplication.class);

	private final ChildDefinition definition;

	private final ChildApplicationFactory factory;

	private final Duration backoff;

	private final Object lock = new Object();

	private volatile @Nullable RunningChild running;

	private long retryAt;

	private boolean failed;

	private boolean detached;

	ChildApplication(ChildDefinition definition, ChildApplicationFactory factory, Duration backoff) {
		this.definition = definition;
		this.factory = factory;
		this.backoff = backoff;
	}

	ChildDefinition getDefinition() {
		return this.definition;
	}

	/**
	 * Return the running application, started if needed, with a request
	 * {@link RunningChild#tryEnter() entered}.
	 * @return the running application, or {@code null} if it is detached
	 * @throws ChildUnavailableException if it failed to start, now or less than the
	 * back-off ago
	 */
	@Nullable RunningChild acquire() {
		RunningChild running = getOrStart();
		return (running != null && running.tryEnter()) ? running : null;
	}

	/**
	 * Return the running application, starting it if needed.
	 * @return the running application, or {@code null} if it is detached
	 * @throws ChildUnavailableException if it failed to start, now or less than the
	 * back-off ago
	 */
	@Nullable RunningChild getOrStart() {
		RunningChild running = this.running;
		if (running != null) {
			return running;
		}
		synchronized (this.lock) {
			running = this.running;
			if (running != null || this.detached) {
				return running;
			}
			long wait = this.retryAt - System.nanoTime();
			if (this.failed && wait > 0) {
				throw new ChildUnavailableException(this.definition.description(), wait);
			}
			try {
				return start();
			}
			catch (ChildStartupException ex) {
				logger.error("Failed to start " + this.definition.description() + "; it answers 503 for "
						+ this.backoff.toMillis() + "ms before a request starts it again", ex.getCause());
				this.failed = true;
				this.retryAt = System.nanoTime() + this.backoff.toNanos();
				throw new ChildUnavailableException(this.definition.description(), this.backoff.toNanos());
			}
		}
	}

	/**
	 * Start the application now, unless it is running already.
	 * @return the running application
	 * @throws ChildStartupException if it fails to start
	 */
	RunningChild start() {
		synchronized (this.lock) {
			RunningChild running = this.running;
			if (running == null) {
				long startedAt = System.nanoTime();
				running = this.factory.start(this.definition);
				this.failed = false;
				this.running = running;
				logger.info("Started " + this.definition.description() + " in "
						+ TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startedAt) + " ms");
			}
			return running;
		}
	}

	/**
	 * Stop handing out the running application, if any: from now on the application is
	 * not started again until {@link #reopen()}.
	 * @return the application that was running, for the caller to close
	 */
	@Nullable RunningChild detach() {
		synchronized (this.lock) {
			this.detached = true;
			RunningChild running = this.running;
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

	boolean isRunning() {
		return this.running != null;
	}

	@Override
	public String toString() {
		return this.definition.description();
	}

}
