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
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;

/**
 * Runs the starts of dispatched applications, at most a number at once across the
 * process: after a deploy, the first requests for hundreds of tenants would otherwise
 * start hundreds of contexts at once on a few cores, and every one of them would take as
 * long as all of them. A start beyond that number waits in line; beyond a number of
 * waiting starts, a start is refused, so that its request gets a 503 at once rather than
 * after the start timeout. Background starts (pre-starts, restarts) are never refused and
 * run only when no start that a request waits for is in line. For internal use only.
 *
 * @author Dispatch contributors
 */
public final class StartQueue {

	// The weight of the newest start in the average start time
	private static final double WEIGHT = 0.2;

	private final Executor executor;

	private final int maxConcurrent;

	private final int maxWaiting;

	private final Deque<Runnable> waiting = new ArrayDeque<>();

	private final Deque<Runnable> background = new ArrayDeque<>();

	private int running;

	private long refused;

	private double averageNanos = Duration.ofSeconds(1).toNanos();

	/**
	 * Create a queue.
	 * @param executor what runs the starts, on a thread each
	 * @param maxConcurrent how many starts run at once at the most
	 * @param maxWaiting how many starts that requests wait for may wait in line
	 */
	public StartQueue(Executor executor, int maxConcurrent, int maxWaiting) {
		this.executor = executor;
		this.maxConcurrent = maxConcurrent;
		this.maxWaiting = maxWaiting;
	}

	/**
	 * Run a start that a request waits for: at once if fewer than the maximum run, after
	 * the ones in line otherwise.
	 * @param start the start
	 * @throws RejectedExecutionException if as many starts as allowed wait in line
	 * already
	 */
	public synchronized void submit(Runnable start) {
		if (this.running < this.maxConcurrent) {
			run(start);
		}
		else if (this.waiting.size() < this.maxWaiting) {
			this.waiting.add(start);
		}
		else {
			this.refused++;
			throw new RejectedExecutionException("Too many waiting starts");
		}
	}

	/**
	 * Run a start that no request waits for, once no start that a request waits for is in
	 * line.
	 * @param start the start
	 */
	public synchronized void submitInBackground(Runnable start) {
		if (this.running < this.maxConcurrent && this.waiting.isEmpty()) {
			run(start);
		}
		else {
			this.background.add(start);
		}
	}

	/**
	 * Move a background start that has not begun to the end of the line of the starts
	 * that requests wait for: a request waits for it now.
	 * @param start the start, as it was submitted
	 */
	public synchronized void promote(Runnable start) {
		if (this.background.remove(start)) {
			this.waiting.add(start);
		}
	}

	/**
	 * Return how long until a place in line frees up, going by how long starts took
	 * lately: what a refused request is told to wait before it asks again, to wait in
	 * line then.
	 * @return the time, in nanoseconds
	 */
	public synchronized long estimatedWaitNanos() {
		return (long) (this.averageNanos / this.maxConcurrent);
	}

	/**
	 * Return how many starts run.
	 * @return the count
	 */
	public synchronized int running() {
		return this.running;
	}

	/**
	 * Return how many starts that requests wait for wait in line.
	 * @return the count
	 */
	public synchronized int waiting() {
		return this.waiting.size();
	}

	/**
	 * Return how many starts the line refused because as many as allowed waited in it.
	 * @return the count
	 */
	public synchronized long refused() {
		return this.refused;
	}

	/**
	 * Return how many background starts wait in line.
	 * @return the count
	 */
	public synchronized int inBackground() {
		return this.background.size();
	}

	private void run(Runnable start) {
		this.running++;
		try {
			this.executor.execute(() -> {
				long startedAt = System.nanoTime();
				try {
					start.run();
				}
				finally {
					finished(System.nanoTime() - startedAt);
				}
			});
		}
		catch (RejectedExecutionException ex) {
			this.running--;
			throw ex;
		}
	}

	private synchronized void finished(long nanos) {
		this.running--;
		this.averageNanos = WEIGHT * nanos + (1 - WEIGHT) * this.averageNanos;
		Runnable next = this.waiting.poll();
		if (next == null) {
			next = this.background.poll();
		}
		if (next != null) {
			try {
				run(next);
			}
			catch (RejectedExecutionException ex) {
				// Shut down with the default application: no start is waited for any more
			}
		}
	}

}
