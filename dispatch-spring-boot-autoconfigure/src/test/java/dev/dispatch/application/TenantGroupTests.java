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

import java.lang.ref.WeakReference;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

import dev.dispatch.web.ApplicationUnavailableException;
import dev.dispatch.web.DispatchTarget;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * The tenants of a group, with a fake starter: room made by stopping the least recently
 * used, no more of them than the waiting starts need, starts that wait for room, idle
 * tenants, unknown keys, and a closed group that nothing keeps.
 *
 * @author Dispatch contributors
 */
class TenantGroupTests {

	private static final Duration LONG = Duration.ofSeconds(30);

	private final FakeStarter starter = new FakeStarter();

	private final AtomicInteger asked = new AtomicInteger();

	private @Nullable TenantGroup group;

	@AfterEach
	void stopGroup() {
		if (this.group != null) {
			this.group.stopAll().forEach((instance) -> instance.close(Duration.ZERO));
		}
	}

	@Test
	void leastRecentlyUsedTenantIsStoppedToMakeRoom() {
		TenantGroup group = group(2, null);
		serve(group, "a");
		serve(group, "b");
		serve(group, "a");
		serve(group, "c");
		await().atMost(LONG).until(() -> this.starter.events.contains("closed b"));
		assertThat(this.starter.events).containsExactly("started a", "started b", "closed b", "started c");
		assertThat(keys(group)).containsExactlyInAnyOrder("a", "c");
		assertThat(group.maxLiveCount()).isEqualTo(2);
	}

	@Test
	void startThatNeedsRoomWaitsForTheBusyTenantItStoppedToFinish() throws Exception {
		TenantGroup group = group(1, null);
		ApplicationInstance a = acquire(group, "a");
		CompletableFuture<ApplicationInstance> b = CompletableFuture.supplyAsync(() -> acquire(group, "b"));
		await().atMost(LONG).until(() -> group.getStoppingInstances().contains(a));
		// a holds the only place until its request is out
		assertThat(b).isNotDone();
		assertThat(this.starter.events).containsExactly("started a");
		a.inFlight().release();
		b.get(30, TimeUnit.SECONDS).inFlight().release();
		assertThat(this.starter.events).containsExactly("started a", "closed a", "started b");
		assertThat(group.maxLiveCount()).isOne();
	}

	@Test
	void startThatWaitsForRoomStopsNoMoreTenantsThanItNeeds() throws Exception {
		TenantGroup group = group(3, null);
		ApplicationInstance a = acquire(group, "a");
		serve(group, "b");
		serve(group, "c");
		CompletableFuture<ApplicationInstance> d = CompletableFuture.supplyAsync(() -> acquire(group, "d"));
		await().atMost(LONG).until(() -> group.getStoppingInstances().contains(a));
		a.inFlight().release();
		d.get(30, TimeUnit.SECONDS).inFlight().release();
		assertThat(this.starter.events).containsExactly("started a", "started b", "started c", "closed a", "started d");
		assertThat(keys(group)).containsExactlyInAnyOrder("b", "c", "d");
	}

	@Test
	void startThatFindsNoRoomWithinTheTimeoutFailsAndTheTenantAnswersUnavailable() {
		TenantGroup group = group(1, null, Duration.ofSeconds(2));
		ApplicationInstance a = acquire(group, "a");
		assertThatExceptionOfType(ApplicationUnavailableException.class).isThrownBy(() -> acquire(group, "b"));
		a.inFlight().release();
		assertThat(this.starter.starts("b")).isZero();
	}

	@Test
	void concurrentRequestsForOneKeyStartOneTenant() throws Exception {
		TenantGroup group = group(10, null);
		CountDownLatch startBegun = this.starter.hold("a");
		List<CompletableFuture<ApplicationInstance>> requests = IntStream.range(0, 20)
			.mapToObj((i) -> CompletableFuture.supplyAsync(() -> acquire(group, "a")))
			.toList();
		assertThat(startBegun.await(30, TimeUnit.SECONDS)).isTrue();
		this.starter.release("a");
		for (CompletableFuture<ApplicationInstance> request : requests) {
			request.get(30, TimeUnit.SECONDS).inFlight().release();
		}
		assertThat(this.starter.starts("a")).isOne();
		assertThat(group.getRequests()).isEqualTo(20);
	}

	@Test
	void idleTenantIsStopped() {
		TenantGroup group = group(10, Duration.ofMillis(100));
		serve(group, "idle");
		await().atMost(LONG).until(() -> this.starter.events.contains("closed idle"));
		assertThat(keys(group)).isEmpty();
	}

	@Test
	void unknownKeyIsAskedOfTheDirectoryOnceAndTheUnknownKeysKeptAreBounded() {
		TenantGroup group = group(10, null);
		for (int i = 0; i < 3; i++) {
			assertThat(group.find("unknown")).isNull();
		}
		assertThat(this.asked).hasValue(1);
		for (int i = 0; i < TenantLookup.UNKNOWN_KEYS * 2; i++) {
			assertThat(group.find("unknown-" + i)).isNull();
		}
		assertThat(group.unknownKeysSize()).isLessThanOrEqualTo(TenantLookup.UNKNOWN_KEYS);
		assertThat(keys(group)).isEmpty();
	}

	@Test
	void closedGroupIsNotKeptByItsNextIdleCheck() {
		WeakReference<TenantGroup> group = closedGroupWithAnIdleCheckDueIn(Duration.ofMinutes(10));
		await().atMost(LONG).until(() -> {
			System.gc();
			return group.get() == null;
		});
	}

	private WeakReference<TenantGroup> closedGroupWithAnIdleCheckDueIn(Duration idleTimeout) {
		TenantGroup group = new TenantGroup(new TenantGroupDefinition(ApplicationGroup.PATH, 10, idleTimeout, true),
				this::definition, this.starter, FakeStarter.settings(LONG, LONG));
		group.stopAll();
		return new WeakReference<>(group);
	}

	private TenantGroup group(int maxInstances, @Nullable Duration idleTimeout) {
		return group(maxInstances, idleTimeout, LONG);
	}

	private TenantGroup group(int maxInstances, @Nullable Duration idleTimeout, Duration timeout) {
		this.group = new TenantGroup(new TenantGroupDefinition(ApplicationGroup.PATH, maxInstances, idleTimeout, true),
				this::definition, this.starter, FakeStarter.settings(timeout, LONG));
		return this.group;
	}

	private @Nullable ApplicationDefinition definition(String key) {
		this.asked.incrementAndGet();
		return key.startsWith("unknown") ? null
				: ApplicationDefinition.builder(ApplicationGroup.PATH, key).path("/" + key).build();
	}

	private ApplicationInstance acquire(TenantGroup group, String key) {
		DispatchTarget target = group.find(key);
		assertThat(target).as(key).isNotNull();
		return (ApplicationInstance) target.acquire();
	}

	private void serve(TenantGroup group, String key) {
		acquire(group, key).inFlight().release();
	}

	private List<String> keys(TenantGroup group) {
		return group.getTenants().stream().map((tenant) -> tenant.getDefinition().name()).toList();
	}

}
