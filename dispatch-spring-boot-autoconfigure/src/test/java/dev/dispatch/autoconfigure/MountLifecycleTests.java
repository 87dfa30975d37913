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

import java.io.IOException;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockMvcRequestBuilders;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.context.WebApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Starting, failing and closing mounted applications, on a real server.
 *
 * @author Dispatch contributors
 */
@ExtendWith(OutputCaptureExtension.class)
class MountLifecycleTests {

	private static final String TESTS = "dev.dispatch.autoconfigure.MountLifecycleTests$";

	private ConfigurableApplicationContext context;

	@BeforeEach
	void reset() {
		CountingApp.STARTS.set(0);
		SlowApp.ENTERED = new CountDownLatch(1);
		SlowApp.GATE = new CountDownLatch(1);
		FlakyApp.ATTEMPTS.set(0);
		FlakyApp.OPEN.set(0);
		FlakyApp.fail = true;
		Closing.CLOSED.clear();
		Closing.EVENTS.clear();
		BlockingController.ENTERED = new CountDownLatch(1);
		BlockingController.GATE = new CountDownLatch(1);
	}

	@AfterEach
	void close() {
		SlowApp.GATE.countDown();
		BlockingController.GATE.countDown();
		if (this.context != null) {
			this.context.close();
		}
	}

	@Test
	void concurrentFirstRequestsStartTheApplicationExactlyOnce() throws Exception {
		run("dispatch.mounts.counting.path=/counting", "dispatch.mounts.counting.sources=" + TESTS + "CountingApp");
		CountDownLatch go = new CountDownLatch(1);
		List<CompletableFuture<HttpResponse<String>>> responses = new ArrayList<>();
		for (int i = 0; i < 50; i++) {
			responses.add(CompletableFuture.supplyAsync(() -> {
				awaitQuietly(go);
				return get("/counting/whoami");
			}));
		}
		go.countDown();
		for (CompletableFuture<HttpResponse<String>> response : responses) {
			assertThat(response.get(60, TimeUnit.SECONDS).body()).isEqualTo("counting");
		}
		assertThat(CountingApp.STARTS).hasValue(1);
	}

	@Test
	void startingOneApplicationDoesNotHoldUpRequestsToOthers() throws Exception {
		run("dispatch.mounts.slow.path=/slow", "dispatch.mounts.slow.sources=" + TESTS + "SlowApp",
				"dispatch.mounts.counting.path=/counting", "dispatch.mounts.counting.sources=" + TESTS + "CountingApp");
		assertThat(get("/counting/whoami").body()).isEqualTo("counting");
		CompletableFuture<HttpResponse<String>> slow = CompletableFuture.supplyAsync(() -> get("/slow/whoami"));
		assertThat(SlowApp.ENTERED.await(30, TimeUnit.SECONDS)).isTrue();
		assertThat(get("/counting/whoami").body()).isEqualTo("counting");
		assertThat(get("/whoami").body()).isEqualTo("default");
		assertThat(slow).isNotDone();
		SlowApp.GATE.countDown();
		assertThat(slow.get(30, TimeUnit.SECONDS).body()).isEqualTo("slow");
	}

	@Test
	void applicationWhoseStartHangsAnswers503AfterTheStartTimeoutWhileOthersServe(CapturedOutput output)
			throws Exception {
		run("dispatch.mounts.slow.path=/slow", "dispatch.mounts.slow.sources=" + TESTS + "SlowApp",
				"dispatch.mounts.counting.path=/counting", "dispatch.mounts.counting.sources=" + TESTS + "CountingApp",
				"dispatch.start-timeout=500ms");
		HttpResponse<String> hanging = get("/slow/whoami");
		assertThat(hanging.statusCode()).isEqualTo(503);
		assertThat(hanging.body()).isEqualTo("The mount 'slow' is unavailable");
		assertThat(output).contains("The mount 'slow' has not started within 500ms");
		assertThat(get("/counting/whoami").body()).isEqualTo("counting");
		assertThat(get("/whoami").body()).isEqualTo("default");
		assertThat(get("/slow/whoami").statusCode()).isEqualTo(503);
		SlowApp.GATE.countDown();
		await().atMost(Duration.ofSeconds(20))
			.pollInterval(Duration.ofMillis(100))
			.until(() -> get("/slow/whoami").statusCode() == 200);
	}

	@Test
	void applicationThatFailsToStartAnswers503LogsOnceClosesEverythingAndIsRetriedAfterTheBackoff(
			CapturedOutput output) {
		run("dispatch.mounts.flaky.path=/flaky", "dispatch.mounts.flaky.sources=" + TESTS + "FlakyApp",
				"dispatch.start-backoff=3s");
		HttpResponse<String> first = get("/flaky/whoami");
		assertThat(first.statusCode()).isEqualTo(503);
		assertThat(first.body()).isEqualTo("The mount 'flaky' is unavailable");
		assertThat(first.headers().firstValue("Content-Type"))
			.hasValueSatisfying((type) -> assertThat(type).startsWith("text/plain"));
		assertThat(first.headers().firstValue("Retry-After")).hasValue("3");
		assertThat(FlakyApp.OPEN).hasValue(0);
		assertThat(get("/flaky/whoami").statusCode()).isEqualTo(503);
		assertThat(FlakyApp.ATTEMPTS).hasValue(1);
		assertThat(get("/whoami").body()).isEqualTo("default");
		// One log event with the cause and its stack trace, with the mount's name; Spring
		// Framework's one-line warning of the cancelled refresh has neither
		assertThat(output.getOut().split("Failed to start mount 'flaky'", -1)).hasSize(2);
		assertThat(output.getOut().split("java.lang.IllegalStateException: flaky start failure", -1)).hasSize(2);
		assertThat(output.getOut()).doesNotContain("Application run failed");
		FlakyApp.fail = false;
		await().atMost(Duration.ofSeconds(20))
			.pollInterval(Duration.ofMillis(200))
			.until(() -> get("/flaky/whoami").statusCode() == 200);
		assertThat(FlakyApp.ATTEMPTS).hasValue(2);
	}

	@Test
	void closingTheDefaultApplicationClosesMountsNewestFirstAfterTheirInFlightRequests() throws Exception {
		run("dispatch.mounts.first.path=/first", "dispatch.mounts.first.sources=" + TESTS + "FirstApp",
				"dispatch.mounts.second.path=/second", "dispatch.mounts.second.sources=" + TESTS + "SecondApp",
				"server.shutdown=immediate");
		assertThat(get("/second/whoami").body()).isEqualTo("second");
		CompletableFuture<HttpResponse<String>> inFlight = CompletableFuture.supplyAsync(() -> get("/first/block"));
		assertThat(BlockingController.ENTERED.await(30, TimeUnit.SECONDS)).isTrue();
		CompletableFuture<Void> closing = CompletableFuture.runAsync(this.context::close);
		BlockingController.GATE.countDown();
		assertThat(inFlight.get(30, TimeUnit.SECONDS).body()).isEqualTo("unblocked");
		closing.get(30, TimeUnit.SECONDS);
		assertThat(Closing.EVENTS).containsExactly("served /block", "closed first", "closed second");
		this.context = null;
	}

	@Test
	void gracefulShutdownLetsInFlightRequestsOfMountedApplicationsCompleteBeforeTheyClose() throws Exception {
		run("dispatch.mounts.first.path=/first", "dispatch.mounts.first.sources=" + TESTS + "FirstApp",
				"server.shutdown=graceful");
		CompletableFuture<HttpResponse<String>> inFlight = CompletableFuture.supplyAsync(() -> get("/first/block"));
		assertThat(BlockingController.ENTERED.await(30, TimeUnit.SECONDS)).isTrue();
		CompletableFuture<Void> closing = CompletableFuture.runAsync(this.context::close);
		BlockingController.GATE.countDown();
		HttpResponse<String> response = inFlight.get(30, TimeUnit.SECONDS);
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.body()).isEqualTo("unblocked");
		closing.get(30, TimeUnit.SECONDS);
		this.context = null;
		assertThat(Closing.EVENTS).containsExactly("served /block", "closed first");
	}

	@Test
	void requestThatTheServerPassesOnAfterItsGracefulShutdownIsServedUntilTheServerStops() throws Exception {
		// A request of a connection accepted before the graceful shutdown ended, which
		// the
		// server passes on until it stops: sent between the two phases, through the
		// dispatch filter
		AtomicInteger status = new AtomicInteger();
		this.context = new SpringApplicationBuilder(ParentApp.class)
			.properties("server.port=0", "server.shutdown=graceful", "dispatch.mounts.first.path=/first",
					"dispatch.mounts.first.sources=" + TESTS + "FirstApp")
			.initializers((context) -> context.getBeanFactory()
				.registerSingleton("lateRequest", new LateRequest(context, "/first/whoami", status)))
			.run();
		assertThat(get("/first/whoami").body()).isEqualTo("first");
		this.context.close();
		this.context = null;
		assertThat(status).hasValue(200);
		assertThat(Closing.EVENTS).containsExactly("closed first");
	}

	@Test
	void failuresToCloseAnApplicationAreLoggedAndTheOthersStillClose(CapturedOutput output) {
		run("dispatch.mounts.first.path=/first", "dispatch.mounts.first.sources=" + TESTS + "FirstApp",
				"dispatch.mounts.faulty.path=/faulty", "dispatch.mounts.faulty.sources=" + TESTS + "FaultyCloseApp",
				"dispatch.mounts.second.path=/second", "dispatch.mounts.second.sources=" + TESTS + "SecondApp");
		assertThat(get("/first/whoami").body()).isEqualTo("first");
		assertThat(get("/faulty/whoami").body()).isEqualTo("faulty");
		assertThat(get("/second/whoami").body()).isEqualTo("second");
		ConfigurableApplicationContext faulty = (ConfigurableApplicationContext) this.context
			.getBean(DispatchedApplications.class)
			.getApplicationContext("faulty");
		this.context.close();
		this.context = null;
		assertThat(Closing.CLOSED).containsExactly("second", "first");
		assertThat(faulty.isActive()).isFalse();
		assertThat(output).contains("Failed to destroy the filter 'faultyFilter' of mount 'faulty'")
			.contains("filter destroy failure");
	}

	@Test
	void closingTheDefaultApplicationClosesAStoppedMountAfterItsInFlightRequests() throws Exception {
		run("dispatch.mounts.first.path=/first", "dispatch.mounts.first.sources=" + TESTS + "FirstApp",
				"server.shutdown=immediate");
		CompletableFuture<HttpResponse<String>> inFlight = CompletableFuture.supplyAsync(() -> get("/first/block"));
		assertThat(BlockingController.ENTERED.await(30, TimeUnit.SECONDS)).isTrue();
		assertThat(this.context.getBean(DispatchedApplications.class).stop("first")).isTrue();
		CompletableFuture<Void> closing = CompletableFuture.runAsync(this.context::close);
		BlockingController.GATE.countDown();
		assertThat(inFlight.get(30, TimeUnit.SECONDS).body()).isEqualTo("unblocked");
		closing.get(30, TimeUnit.SECONDS);
		this.context = null;
		assertThat(Closing.EVENTS).containsExactly("served /block", "closed first");
	}

	@Test
	void closingWaitsForInFlightRequestsAtMostTheShutdownTimeout(CapturedOutput output) throws Exception {
		run("dispatch.mounts.first.path=/first", "dispatch.mounts.first.sources=" + TESTS + "FirstApp",
				"dispatch.shutdown-timeout=200ms", "server.shutdown=immediate");
		CompletableFuture.runAsync(() -> get("/first/block"));
		assertThat(BlockingController.ENTERED.await(30, TimeUnit.SECONDS)).isTrue();
		this.context.close();
		this.context = null;
		assertThat(Closing.CLOSED).containsExactly("first");
		assertThat(output).contains("Closing mount 'first' with 1 requests still in flight after 200ms");
	}

	private void run(String... properties) {
		this.context = new SpringApplicationBuilder(ParentApp.class).properties("server.port=0")
			.properties(properties)
			.run();
	}

	private HttpResponse<String> get(String path) {
		return TestRequests.get(((WebServerApplicationContext) this.context).getWebServer().getPort(), path);
	}

	private static void awaitQuietly(CountDownLatch latch) {
		try {
			latch.await(30, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	@SpringBootConfiguration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	@Import(WhoAmIController.class)
	static class ParentApp {

		@Bean
		String name() {
			return "default";
		}

	}

	@Configuration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	@Import(WhoAmIController.class)
	static class CountingApp {

		static final AtomicInteger STARTS = new AtomicInteger();

		@Bean
		String name() {
			STARTS.incrementAndGet();
			return "counting";
		}

	}

	@Configuration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	@Import(WhoAmIController.class)
	static class SlowApp {

		static volatile CountDownLatch ENTERED;

		static volatile CountDownLatch GATE;

		@Bean
		String name() throws InterruptedException {
			ENTERED.countDown();
			GATE.await(30, TimeUnit.SECONDS);
			return "slow";
		}

	}

	@Configuration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	@Import(WhoAmIController.class)
	static class FlakyApp {

		static final AtomicInteger ATTEMPTS = new AtomicInteger();

		static final AtomicInteger OPEN = new AtomicInteger();

		static volatile boolean fail;

		@Bean
		DisposableBean resource() {
			OPEN.incrementAndGet();
			return OPEN::decrementAndGet;
		}

		@Bean
		String name(DisposableBean resource) {
			ATTEMPTS.incrementAndGet();
			if (fail) {
				throw new IllegalStateException("flaky start failure");
			}
			return "flaky";
		}

	}

	@Configuration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	@Import({ WhoAmIController.class, BlockingController.class })
	static class FirstApp {

		@Bean
		String name() {
			return "first";
		}

		@Bean
		Closing closing() {
			return new Closing("first");
		}

	}

	@Configuration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	@Import(WhoAmIController.class)
	static class SecondApp {

		@Bean
		String name() {
			return "second";
		}

		@Bean
		Closing closing() {
			return new Closing("second");
		}

	}

	@Configuration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	@Import(WhoAmIController.class)
	static class FaultyCloseApp {

		@Bean
		String name() {
			return "faulty";
		}

		@Bean
		FilterRegistrationBean<Filter> faultyFilter() {
			FilterRegistrationBean<Filter> registration = new FilterRegistrationBean<>(new Filter() {

				@Override
				public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
						throws IOException, ServletException {
					chain.doFilter(request, response);
				}

				@Override
				public void destroy() {
					throw new IllegalStateException("filter destroy failure");
				}

			});
			registration.setName("faultyFilter");
			return registration;
		}

		@Bean
		DisposableBean faultyBean() {
			return () -> {
				throw new IllegalStateException("bean destroy failure");
			};
		}

	}

	record Closing(String name) implements DisposableBean {

		static final List<String> CLOSED = new CopyOnWriteArrayList<>();

		/**
		 * Blocked requests served and applications closed, in order.
		 */
		static final List<String> EVENTS = new CopyOnWriteArrayList<>();

		@Override
		public void destroy() {
			CLOSED.add(this.name);
			EVENTS.add("closed " + this.name);
		}

	}

	@RestController
	static class BlockingController {

		static volatile CountDownLatch ENTERED;

		static volatile CountDownLatch GATE;

		@GetMapping("/block")
		String block() throws InterruptedException {
			ENTERED.countDown();
			GATE.await(30, TimeUnit.SECONDS);
			Closing.EVENTS.add("served /block");
			return "unblocked";
		}

	}

	/**
	 * Sends a request through the dispatch filter when it stops, after the graceful
	 * shutdown and before the web server's stop.
	 */
	static final class LateRequest implements SmartLifecycle {

		private final ConfigurableApplicationContext context;

		private final String path;

		private final AtomicInteger status;

		private volatile boolean running;

		LateRequest(ConfigurableApplicationContext context, String path, AtomicInteger status) {
			this.context = context;
			this.path = path;
			this.status = status;
		}

		@Override
		public void start() {
			this.running = true;
		}

		@Override
		public void stop() {
			this.running = false;
			Filter dispatch = this.context
				.getBean(DispatchAutoConfiguration.DISPATCH_FILTER_REGISTRATION_BEAN_NAME, FilterRegistrationBean.class)
				.getFilter();
			try {
				MockMvc mvc = MockMvcBuilders.webAppContextSetup((WebApplicationContext) this.context)
					.addFilters(dispatch)
					.build();
				this.status
					.set(mvc.perform(MockMvcRequestBuilders.get(this.path)).andReturn().getResponse().getStatus());
			}
			catch (Exception ex) {
				throw new IllegalStateException(ex);
			}
		}

		@Override
		public boolean isRunning() {
			return this.running;
		}

		@Override
		public int getPhase() {
			return SmartLifecycle.DEFAULT_PHASE - 2048 + 256;
		}

	}

}
