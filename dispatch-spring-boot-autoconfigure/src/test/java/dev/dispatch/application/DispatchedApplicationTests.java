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
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import dev.dispatch.web.ApplicationUnavailableException;
import dev.dispatch.web.ServedApplication;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * The lifecycle of one dispatched application, with a fake starter: one start however
 * many requests ask together, the back-off after a failure, the start timeout, and stops
 * that race starts.
 *
 * @author Dispatch contributors
 */
class DispatchedApplicationTests {

	private static final Duration LONG = Duration.ofSeconds(30);

	private final FakeStarter starter = new FakeStarter();

	@Test
	void requestsThatAskTogetherShareOneStartAndAreEachEntered() throws Exception {
		DispatchedApplication application = application("backend", LONG, LONG);
		CountDownLatch startBegun = this.starter.hold("backend");
		List<CompletableFuture<ServedApplication>> requests = new ArrayList<>();
		for (int i = 0; i < 20; i++) {
			requests.add(CompletableFuture.supplyAsync(application::acquire));
		}
		assertThat(startBegun.await(30, TimeUnit.SECONDS)).isTrue();
		assertThat(application.getState()).isEqualTo(DispatchedApplication.State.STARTING);
		this.starter.release("backend");
		ApplicationInstance instance = (ApplicationInstance) requests.get(0).get(30, TimeUnit.SECONDS);
		for (CompletableFuture<ServedApplication> request : requests) {
			assertThat(request.get(30, TimeUnit.SECONDS)).isSameAs(instance);
		}
		assertThat(this.starter.starts("backend")).isOne();
		assertThat(instance.getInFlight()).isEqualTo(20);
		assertThat(application.getRequests()).isEqualTo(20);
	}

	@Test
	void applicationServingAsManyRequestsAsItMayTurnsTheNextAwayAtOnce() {
		DispatchedApplication application = limited(2);
		ApplicationInstance instance = (ApplicationInstance) application.acquire();
		assertThat(application.acquire()).isSameAs(instance);
		assertThatExceptionOfType(ApplicationUnavailableException.class).isThrownBy(application::acquire)
			.satisfies((ex) -> assertThat(ex.getRetryAfterSeconds()).isOne());
		assertThat(instance.getInFlight()).isEqualTo(2);
		instance.inFlight().release();
		assertThat(application.acquire()).isSameAs(instance);
		assertThat(application.getRejected()).isOne();
		assertThat(application.getRequests()).isEqualTo(3);
	}

	@Test
	void startingApplicationTurnsAwayTheRequestsBeyondItsLimitAtOnce() throws Exception {
		DispatchedApplication application = limited(1);
		CountDownLatch startBegun = this.starter.hold("backend");
		CompletableFuture<ServedApplication> waiting = CompletableFuture.supplyAsync(application::acquire);
		// The request that began the start waits for it, and counts against the limit
		assertThat(startBegun.await(30, TimeUnit.SECONDS)).isTrue();
		assertThatExceptionOfType(ApplicationUnavailableException.class).isThrownBy(application::acquire)
			.satisfies((ex) -> assertThat(ex.getRetryAfterSeconds()).isOne());
		this.starter.release("backend");
		ApplicationInstance instance = (ApplicationInstance) waiting.get(30, TimeUnit.SECONDS);
		assertThat(instance.getInFlight()).isOne();
		assertThat(application.getRejected()).isOne();
		assertThat(this.starter.starts("backend")).isOne();
	}

	@Test
	void failedApplicationAnswersUnavailableWithoutStartingUntilTheBackOffHasPassed() {
		this.starter.fail("backend");
		DispatchedApplication application = application("backend", LONG, Duration.ofHours(1));
		assertThatExceptionOfType(ApplicationUnavailableException.class).isThrownBy(application::acquire);
		assertThatExceptionOfType(ApplicationUnavailableException.class).isThrownBy(application::acquire);
		assertThat(this.starter.starts("backend")).isZero();
		assertThat(this.starter.events).containsExactly("failed backend");
		assertThat(application.getState()).isEqualTo(DispatchedApplication.State.FAILED);
		assertThat(application.getFailure()).isEqualTo("backend is broken");
	}

	@Test
	void failedApplicationStartsAgainOnceTheBackOffHasPassed() {
		this.starter.fail("backend");
		DispatchedApplication application = application("backend", LONG, Duration.ZERO);
		assertThatExceptionOfType(ApplicationUnavailableException.class).isThrownBy(application::acquire);
		this.starter.succeed("backend");
		assertThat(application.acquire()).isNotNull();
		assertThat(this.starter.events).containsExactly("failed backend", "started backend");
		assertThat(application.getState()).isEqualTo(DispatchedApplication.State.RUNNING);
		assertThat(application.getFailure()).isNull();
	}

	@Test
	void requestThatGaveUpOnAHangingStartIsNotCountedInFlightOnceItHasStarted() throws Exception {
		DispatchedApplication application = application("backend", Duration.ofMillis(50), LONG);
		CountDownLatch startBegun = this.starter.hold("backend");
		assertThatExceptionOfType(ApplicationUnavailableException.class).isThrownBy(application::acquire);
		assertThat(startBegun.await(30, TimeUnit.SECONDS)).isTrue();
		this.starter.release("backend");
		await().atMost(LONG).until(application::isRunning);
		assertThat(application.getRunning().getInFlight()).isZero();
		assertThat(this.starter.starts("backend")).isOne();
	}

	@Test
	void applicationStoppedWhileItStartsServesTheRequestsThatWaitedAndThenCloses() throws Exception {
		DispatchedApplication application = application("backend", LONG, LONG);
		CountDownLatch startBegun = this.starter.hold("backend");
		CompletableFuture<ServedApplication> request = CompletableFuture.supplyAsync(application::acquire);
		assertThat(startBegun.await(30, TimeUnit.SECONDS)).isTrue();
		assertThat(application.stop()).isNull();
		this.starter.release("backend");
		ApplicationInstance instance = (ApplicationInstance) request.get(30, TimeUnit.SECONDS);
		assertThat(application.getRunning()).isNull();
		assertThat(instance.isClosed()).isFalse();
		instance.inFlight().release();
		await().atMost(LONG).until(instance::isClosed);
		assertThat(this.starter.events).containsExactly("started backend", "closed backend");
		assertThatExceptionOfType(ApplicationUnavailableException.class).isThrownBy(application::acquire);
	}

	@Test
	void stoppedApplicationStartsAgainOnceReopened() {
		DispatchedApplication application = application("backend", LONG, LONG);
		ApplicationInstance first = (ApplicationInstance) application.acquire();
		first.inFlight().release();
		assertThat(application.stop()).isSameAs(first);
		application.reopen();
		assertThat(application.acquire()).isNotSameAs(first);
		assertThat(this.starter.starts("backend")).isEqualTo(2);
	}

	@Test
	void listenersHearOfAStartOnceTheApplicationIsRunning() {
		AtomicReference<DispatchedApplication> application = new AtomicReference<>();
		List<Boolean> runningWhenHeard = new CopyOnWriteArrayList<>();
		DispatchListeners listeners = new DispatchListeners();
		listeners.add(new DispatchListener() {

			@Override
			public void started(ApplicationInstance instance, Duration startupTime) {
				runningWhenHeard.add(application.get().getRunning() == instance);
			}

		});
		StartSettings settings = FakeStarter.settings(LONG, LONG);
		application.set(new DispatchedApplication(definition("backend"), this.starter,
				new StartSettings(settings.starts(), LONG, LONG, settings.closer(), listeners), Admission.ANY));
		application.get().acquire();
		assertThat(runningWhenHeard).containsExactly(true);
	}

	@Test
	void eagerStartOnTheCallersThreadThrowsTheStartupFailure() {
		this.starter.fail("backend");
		DispatchedApplication application = application("backend", LONG, LONG);
		assertThatExceptionOfType(DispatchedApplicationStartupException.class).isThrownBy(application::start)
			.withMessageContaining("mount 'backend'");
	}

	private DispatchedApplication application(String name, Duration timeout, Duration backoff) {
		return new DispatchedApplication(definition(name), this.starter, FakeStarter.settings(timeout, backoff),
				Admission.ANY);
	}

	private DispatchedApplication limited(int maxConcurrentRequests) {
		return new DispatchedApplication(ApplicationDefinition.builder(ApplicationGroup.MOUNTS, "backend")
			.path("/backend")
			.maxConcurrentRequests(maxConcurrentRequests)
			.build(), this.starter, FakeStarter.settings(LONG, LONG), Admission.ANY);
	}

	private static ApplicationDefinition definition(String name) {
		return ApplicationDefinition.builder(ApplicationGroup.MOUNTS, name).path("/" + name).build();
	}

}
