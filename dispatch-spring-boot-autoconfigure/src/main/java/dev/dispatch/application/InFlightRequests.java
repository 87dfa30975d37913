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
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReentrantLock;

import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;

/**
 * The requests that an instance serves: counted from when they are let in to when they
 * complete (an async request when its async processing completes), so that the instance
 * can close once none is left. Once closing, it lets no new request in, but lets in the
 * later dispatches of the requests it owns. For internal use only.
 *
 * @author Dispatch contributors
 */
public final class InFlightRequests {

	private static final String HOLD_ATTRIBUTE = InFlightRequests.class.getName() + ".HOLD";

	private final AtomicInteger count = new AtomicInteger();

	private final Lock lock = new ReentrantLock();

	private final Condition idle = this.lock.newCondition();

	private volatile boolean closing;

	private volatile @Nullable Runnable whenIdle;

	private volatile long lastEntered = System.nanoTime();

	/**
	 * Let a new request in, unless closing.
	 * @return whether the request is in; if so, it must be {@link #release() released}
	 */
	public boolean tryEnter() {
		return tryEnter(0) == Entry.IN;
	}

	/**
	 * Let in the requests that waited for the instance to start, before anything can
	 * close it: they are part of the start.
	 * @param requests the number of requests
	 */
	public void enter(int requests) {
		this.count.addAndGet(requests);
		this.lastEntered = System.nanoTime();
	}

	/**
	 * Let a new request in, unless closing or serving as many requests as allowed.
	 * @param limit how many requests may be in at once, {@code 0} for no limit; an async
	 * request counts until its async processing completes
	 * @return whether the request is in, or why not; if it is in, it must be
	 * {@link #release() released}
	 */
	public Entry tryEnter(int limit) {
		int in = this.count.incrementAndGet();
		if (this.closing) {
			release();
			return Entry.CLOSING;
		}
		if (limit > 0 && in > limit) {
			release();
			return Entry.BUSY;
		}
		this.lastEntered = System.nanoTime();
		return Entry.IN;
	}

	/**
	 * Let a later dispatch (async, error, forward) of a request that is in, even while
	 * closing.
	 */
	public void enterLater() {
		this.count.incrementAndGet();
	}

	/**
	 * Let a request out.
	 */
	public void release() {
		if (this.count.decrementAndGet() == 0 && this.closing) {
			signalIdle();
		}
	}

	/**
	 * Keep an async request in until its async processing completes, once however many of
	 * its dispatches ask.
	 * @param request a request whose async processing has started
	 */
	public void holdUntilComplete(HttpServletRequest request) {
		if (request.getAttribute(HOLD_ATTRIBUTE) == null) {
			request.setAttribute(HOLD_ATTRIBUTE, Boolean.TRUE);
			this.count.incrementAndGet();
			request.getAsyncContext().addListener(new Completion());
		}
	}

	/**
	 * Stop letting new requests in, and run an action once no request is left: at once if
	 * none is.
	 * @param action the action, run on the thread that lets the last request out
	 */
	public void closeWhenIdle(Runnable action) {
		this.whenIdle = action;
		this.closing = true;
		if (this.count.get() == 0) {
			signalIdle();
		}
	}

	/**
	 * Stop letting new requests in, and wait for the requests in to complete.
	 * @param timeout the longest time to wait
	 * @return whether no request is left
	 */
	public boolean closeAndAwaitIdle(Duration timeout) {
		this.closing = true;
		long remaining = timeout.toNanos();
		this.lock.lock();
		try {
			while (this.count.get() > 0) {
				if (remaining <= 0) {
					return false;
				}
				remaining = this.idle.awaitNanos(remaining);
			}
			return true;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return false;
		}
		finally {
			this.lock.unlock();
		}
	}

	private void signalIdle() {
		this.lock.lock();
		try {
			this.idle.signalAll();
		}
		finally {
			this.lock.unlock();
		}
		Runnable action = this.whenIdle;
		if (action != null) {
			action.run();
		}
	}

	/**
	 * Return the number of requests in.
	 * @return the count
	 */
	public int count() {
		return this.count.get();
	}

	/**
	 * Return when a new request was last let in.
	 * @return a {@link System#nanoTime()} value
	 */
	public long lastEntered() {
		return this.lastEntered;
	}

	public boolean isClosing() {
		return this.closing;
	}

	/**
	 * What became of a new request.
	 */
	public enum Entry {

		/**
		 * It is in.
		 */
		IN,

		/**
		 * The instance is closing and lets no new request in.
		 */
		CLOSING,

		/**
		 * The instance serves as many requests as it may.
		 */
		BUSY

	}

	/**
	 * Lets an async request out when it completes.
	 */
	private final class Completion implements AsyncListener {

		@Override
		public void onComplete(AsyncEvent event) {
			release();
		}

		@Override
		public void onTimeout(AsyncEvent event) {
		}

		@Override
		public void onError(AsyncEvent event) {
		}

		@Override
		public void onStartAsync(AsyncEvent event) {
			// A new async cycle drops the listeners of the previous one
			event.getAsyncContext().addListener(this);
		}

	}

}
