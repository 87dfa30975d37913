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
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntSupplier;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.awaitility.Awaitility.await;

/**
 * The room of a tenant group: places taken and given back, and starts that wait for one
 * ask for no more stopped tenants than they need, however often they are woken.
 *
 * @author Dispatch contributors
 */
class TenantCapacityTests {

	private static final Duration LONG = Duration.ofSeconds(30);

	private final AtomicInteger stopping = new AtomicInteger();

	private final AtomicInteger roomAsked = new AtomicInteger();

	@Test
	void placeGivenBackIsTakenAgainAndGivingTwiceGivesOnce() throws InterruptedException {
		TenantCapacity capacity = new TenantCapacity(1);
		Runnable give = capacity.take(LONG, this.stopping::get, this::makeRoom);
		assertThat(capacity.taken()).isOne();
		give.run();
		give.run();
		assertThat(capacity.taken()).isZero();
		capacity.take(LONG, this.stopping::get, this::makeRoom);
		assertThat(capacity.taken()).isOne();
		assertThat(this.roomAsked).hasValue(0);
	}

	@Test
	void waitingStartAsksForRoomOnceHoweverOftenItIsWoken() throws Exception {
		TenantCapacity capacity = new TenantCapacity(1);
		Runnable give = capacity.take(LONG, this.stopping::get, this::makeRoom);
		AtomicInteger checks = new AtomicInteger();
		CompletableFuture<Runnable> taken = new CompletableFuture<>();
		Thread waiting = new Thread(() -> taken.complete(take(capacity, () -> {
			checks.incrementAndGet();
			return this.stopping.get();
		}, this::makeRoom)));
		waiting.start();
		awaitParked(waiting, checks, 1);
		assertThat(this.roomAsked).hasValue(1);
		for (int i = 2; i <= 5; i++) {
			// As a tenant that has started elsewhere wakes it
			capacity.tenantStarted();
			awaitParked(waiting, checks, i);
		}
		assertThat(this.roomAsked).hasValue(1);
		assertThat(taken).isNotDone();
		give.run();
		assertThat(taken.get(30, TimeUnit.SECONDS)).isNotNull();
		assertThat(this.roomAsked).hasValue(1);
		assertThat(capacity.taken()).isOne();
	}

	// Parked again after its n-th look at the stopped tenants: whatever that look made it
	// do, it has done
	private static void awaitParked(Thread thread, AtomicInteger checks, int n) {
		await().atMost(LONG).until(() -> checks.get() == n && thread.getState() == Thread.State.TIMED_WAITING);
	}

	@Test
	void tenantThatStartsWhileRoomIsMadeIsStoppedWithoutWaitingForAnotherSignal() throws Exception {
		TenantCapacity capacity = new TenantCapacity(1);
		Runnable give = capacity.take(LONG, this.stopping::get, this::makeRoom);
		AtomicInteger calls = new AtomicInteger();
		// The first look finds no running tenant, and one starts meanwhile; the second
		// stops it, which frees its place
		Runnable makeRoom = () -> {
			if (calls.incrementAndGet() == 1) {
				capacity.tenantStarted();
			}
			else {
				give.run();
			}
		};
		CompletableFuture<Runnable> taken = new CompletableFuture<>();
		Thread waiting = new Thread(() -> taken.complete(take(capacity, () -> 0, makeRoom)));
		waiting.start();
		// Either it has its place, or it sleeps on a signal that has come already
		await().atMost(LONG)
			.until(() -> taken.isDone() || (calls.get() == 1 && waiting.getState() == Thread.State.TIMED_WAITING));
		assertThat(taken).as("took its place without waiting").isDone();
		assertThat(calls).hasValue(2);
		assertThat(capacity.taken()).isOne();
	}

	@Test
	void startThatGetsNoPlaceWithinTheTimeoutFails() throws InterruptedException {
		TenantCapacity capacity = new TenantCapacity(1);
		capacity.take(LONG, this.stopping::get, this::makeRoom);
		assertThatIllegalStateException().isThrownBy(() -> capacity.take(Duration.ofMillis(10), () -> 1, () -> {
		})).withMessage("All 1 places are taken");
		assertThat(capacity.isWaited()).isFalse();
	}

	private void makeRoom() {
		this.roomAsked.incrementAndGet();
		this.stopping.incrementAndGet();
	}

	private static Runnable take(TenantCapacity capacity, IntSupplier stopping, Runnable makeRoom) {
		try {
			return capacity.take(LONG, stopping, makeRoom);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

}
