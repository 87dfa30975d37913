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
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.IntSupplier;

import org.jspecify.annotations.Nullable;

/**
 * The room of a tenant group: at most so many live tenant instances, counting those that
 * were stopped but still finish their requests. A tenant takes a place to start and gives
 * it back when its instance is destroyed. A start that finds no place asks the group to
 * stop a running tenant, no more of them than the starts that wait need, and waits until
 * a place is given back or a tenant has started, which may then be stopped in turn.
 *
 * @author Dispatch contributors
 */
final class TenantCapacity {

	private final int places;

	private final Lock lock = new ReentrantLock();

	private final Condition changed = this.lock.newCondition();

	// Guarded by the lock
	private int free;

	private int waiting;

	private long tenantsStarted;

	TenantCapacity(int places) {
		this.places = places;
		this.free = places;
	}

	/**
	 * Take a place, waiting for one if none is free.
	 * @param timeout how long to wait at most
	 * @param stopping the number of the group's tenants that were stopped and still hold
	 * a place
	 * @param makeRoom stops the least recently used running tenant, if there is one
	 * @return what gives the place back, once
	 * @throws InterruptedException if interrupted while waiting
	 * @throws IllegalStateException if no place was freed within the timeout
	 */
	Runnable take(Duration timeout, IntSupplier stopping, Runnable makeRoom) throws InterruptedException {
		long deadline = System.nanoTime() + timeout.toNanos();
		this.lock.lock();
		try {
			this.waiting++;
			while (this.free == 0) {
				// One stopped tenant frees one place: stop no more than the starts need,
				// however long the stopped ones take to finish their requests
				if (stopping.getAsInt() < this.waiting) {
					long started = this.tenantsStarted;
					this.lock.unlock();
					try {
						makeRoom.run();
					}
					finally {
						this.lock.lock();
					}
					if (this.free > 0) {
						break;
					}
					// A tenant that started while room was made may be stopped now: its
					// signal came when nobody waited for it
					if (this.tenantsStarted != started) {
						continue;
					}
				}
				long remaining = deadline - System.nanoTime();
				if (remaining <= 0) {
					throw new IllegalStateException("All " + this.places + " places are taken");
				}
				this.changed.awaitNanos(remaining);
			}
			this.free--;
		}
		finally {
			this.waiting--;
			this.lock.unlock();
		}
		AtomicBoolean given = new AtomicBoolean();
		return () -> {
			if (given.compareAndSet(false, true)) {
				give();
			}
		};
	}

	/**
	 * Take a place if one is free, without waiting or making room.
	 * @return what gives the place back, once, or {@code null} if none is free
	 */
	@Nullable Runnable tryTake() {
		this.lock.lock();
		try {
			if (this.free == 0 || this.waiting > 0) {
				return null;
			}
			this.free--;
		}
		finally {
			this.lock.unlock();
		}
		AtomicBoolean given = new AtomicBoolean();
		return () -> {
			if (given.compareAndSet(false, true)) {
				give();
			}
		};
	}

	private void give() {
		this.lock.lock();
		try {
			this.free++;
			this.changed.signalAll();
		}
		finally {
			this.lock.unlock();
		}
	}

	/**
	 * Wake the starts that wait: a tenant has started, and may be stopped to make room.
	 */
	void tenantStarted() {
		this.lock.lock();
		try {
			this.tenantsStarted++;
			if (this.waiting > 0) {
				this.changed.signalAll();
			}
		}
		finally {
			this.lock.unlock();
		}
	}

	/**
	 * Return the number of places taken: live instances, stopped ones that still finish
	 * their requests included.
	 * @return the number of places taken
	 */
	int taken() {
		this.lock.lock();
		try {
			return this.places - this.free;
		}
		finally {
			this.lock.unlock();
		}
	}

	boolean isWaited() {
		this.lock.lock();
		try {
			return this.waiting > 0;
		}
		finally {
			this.lock.unlock();
		}
	}

}
