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
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import dev.dispatch.web.ApplicationUnavailableException;
import dev.dispatch.web.DispatchTarget;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * Starts in line, with a fake starter that holds them: at most so many at once, a bounded
 * line of the starts that requests wait for, beyond it a 503 at once, and background
 * starts behind them that take only free room.
 *
 * @author Dispatch contributors
 */
class StartQueueTests {

	private static final Duration LONG = Duration.ofSeconds(30);

	private final FakeStarter starter = new FakeStarter();

	private final ExecutorService requests = Executors.newCachedThreadPool();

	private @Nullable TenantGroup group;

	@AfterEach
	void stopGroup() {
		if (this.group != null) {
			this.group.stopAll().forEach((instance) -> instance.close(Duration.ZERO));
		}
		this.requests.shutdownNow();
	}

	@Test
	void atMostTheLimitStartAtOnceAndTheOthersWaitInLine() throws Exception {
		StartQueue queue = queue(2, 10);
		TenantGroup group = group(10, queue);
		CountDownLatch a = this.starter.hold("a");
		CountDownLatch b = this.starter.hold("b");
		CountDownLatch c = this.starter.hold("c");
		CompletableFuture<ApplicationInstance> first = acquireLater(group, "a");
		assertThat(a.await(30, TimeUnit.SECONDS)).isTrue();
		CompletableFuture<ApplicationInstance> second = acquireLater(group, "b");
		assertThat(b.await(30, TimeUnit.SECONDS)).isTrue();
		List<CompletableFuture<ApplicationInstance>> requests = List.of(first, second, acquireLater(group, "c"));
		await().atMost(LONG).until(() -> queue.waiting() == 1);
		assertThat(queue.running()).isEqualTo(2);
		// c is in line, not in the starter: the line holds it
		assertThat(c.getCount()).isOne();
		this.starter.release("a");
		assertThat(c.await(30, TimeUnit.SECONDS)).isTrue();
		this.starter.release("b");
		this.starter.release("c");
		for (CompletableFuture<ApplicationInstance> request : requests) {
			request.get(30, TimeUnit.SECONDS).inFlight().release();
		}
		await().atMost(LONG).until(() -> queue.running() == 0);
		assertThat(this.starter.events).containsExactlyInAnyOrder("started a", "started b", "started c");
	}

	@Test
	void startBeyondTheLineIsRefusedAtOnceWithRetryAfterAndIsNoFailure() throws Exception {
		StartQueue queue = queue(1, 1);
		TenantGroup group = group(10, queue);
		CountDownLatch a = this.starter.hold("a");
		this.starter.hold("b");
		CompletableFuture<ApplicationInstance> first = acquireLater(group, "a");
		assertThat(a.await(30, TimeUnit.SECONDS)).isTrue();
		CompletableFuture<ApplicationInstance> second = acquireLater(group, "b");
		await().atMost(LONG).until(() -> queue.waiting() == 1);
		assertThatExceptionOfType(ApplicationUnavailableException.class).isThrownBy(() -> acquire(group, "c"))
			.satisfies((ex) -> assertThat(ex.getRetryAfterSeconds()).isPositive());
		assertThat(this.starter.starts("c")).isZero();
		this.starter.release("a");
		this.starter.release("b");
		first.get(30, TimeUnit.SECONDS).inFlight().release();
		second.get(30, TimeUnit.SECONDS).inFlight().release();
		// Refused is not failed: the next request starts it, with no back-off
		acquire(group, "c").inFlight().release();
		assertThat(this.starter.events).containsExactly("started a", "started b", "started c");
	}

	@Test
	void backgroundStartsGoBehindTheStartsThatRequestsWaitFor() throws Exception {
		StartQueue queue = queue(1, 10);
		TenantGroup group = group(10, queue);
		behindAHeldStart(group, queue, "a", () -> assertThat(group.startInBackground(List.of("b"))).isOne(), "c");
		await().atMost(LONG).until(() -> this.starter.events.contains("started b"));
		assertThat(this.starter.events).containsExactly("started a", "started c", "started b");
	}

	@Test
	void backgroundStartThatARequestWaitsForGoesBeforeTheOtherBackgroundStarts() throws Exception {
		StartQueue queue = queue(1, 10);
		TenantGroup group = group(10, queue);
		// c's request moves it from the background to the line, where it waits alone
		behindAHeldStart(group, queue, "a", () -> assertThat(group.startInBackground(List.of("b", "c"))).isEqualTo(2),
				"c");
		await().atMost(LONG).until(() -> this.starter.events.contains("started b"));
		assertThat(this.starter.events).containsExactly("started a", "started c", "started b");
	}

	@Test
	void backgroundStartsTakeOnlyRoomThatIsFreeWhenTheyRun() throws Exception {
		StartQueue queue = queue(1, 10);
		TenantGroup group = group(2, queue);
		// Room for one more: asked for one of three; a request's start goes first and
		// takes that room
		behindAHeldStart(group, queue, "x", () -> assertThat(group.startInBackground(List.of("e", "f", "g"))).isOne(),
				"y");
		await().atMost(LONG).until(() -> queue.running() == 0 && queue.waiting() == 0 && queue.inBackground() == 0);
		assertThat(this.starter.events).containsExactly("started x", "started y");
		assertThat(keys(group)).containsExactlyInAnyOrder("x", "y", "e");
		assertThat(group.getTenants()).filteredOn((tenant) -> tenant.getDefinition().name().equals("e"))
			.singleElement()
			.satisfies((tenant) -> assertThat(tenant.isRunning()).isFalse());
	}

	// A request starts the first tenant, whose start is held while the background starts
	// are asked for; a request for the second then waits in line with one background
	// start behind it, and both requests are served once the first start is released
	private void behindAHeldStart(TenantGroup group, StartQueue queue, String held, Runnable background, String second)
			throws Exception {
		CountDownLatch begun = this.starter.hold(held);
		CompletableFuture<ApplicationInstance> first = acquireLater(group, held);
		assertThat(begun.await(30, TimeUnit.SECONDS)).isTrue();
		background.run();
		CompletableFuture<ApplicationInstance> waiting = acquireLater(group, second);
		await().atMost(LONG).until(() -> queue.waiting() == 1 && queue.inBackground() == 1);
		this.starter.release(held);
		first.get(30, TimeUnit.SECONDS).inFlight().release();
		waiting.get(30, TimeUnit.SECONDS).inFlight().release();
	}

	private StartQueue queue(int maxConcurrent, int maxWaiting) {
		return new StartQueue(Executors.newCachedThreadPool(), maxConcurrent, maxWaiting);
	}

	private TenantGroup group(int maxInstances, StartQueue queue) {
		this.group = new TenantGroup(new TenantGroupDefinition(ApplicationGroup.PATH, maxInstances, null, true),
				(key) -> ApplicationDefinition.builder(ApplicationGroup.PATH, key).path("/" + key).build(),
				this.starter, FakeStarter.settings(LONG, LONG, queue));
		return this.group;
	}

	private CompletableFuture<ApplicationInstance> acquireLater(TenantGroup group, String key) {
		return CompletableFuture.supplyAsync(() -> acquire(group, key), this.requests);
	}

	private ApplicationInstance acquire(TenantGroup group, String key) {
		DispatchTarget target = group.find(key);
		assertThat(target).as(key).isNotNull();
		return (ApplicationInstance) target.acquire();
	}

	private List<String> keys(TenantGroup group) {
		return group.getTenants().stream().map((tenant) -> tenant.getDefinition().name()).toList();
	}

}
