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
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import dev.dispatch.application.DispatchedApplicationRegistry;
import dev.dispatch.application.TenantGroup;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Starting, evicting and failing path tenants, on a real server.
 *
 * @author Dispatch contributors
 */
@ExtendWith(OutputCaptureExtension.class)
class TenantLifecycleTests {

	private static final String TENANT_APP = "dispatch.path.sources=" + TenantApp.class.getName();

	private ConfigurableApplicationContext context;

	@BeforeEach
	void reset() {
		TenantApp.STARTS.clear();
		TenantApp.CLOSED.clear();
		TenantApp.EVENTS.clear();
		TenantApp.SLOW_ENTERED = new CountDownLatch(1);
		TenantApp.SLOW_GATE = new CountDownLatch(1);
		TenantApp.BLOCK_ENTERED = new CountDownLatch(1);
		TenantApp.BLOCK_GATE = new CountDownLatch(1);
	}

	@AfterEach
	void close() {
		TenantApp.SLOW_GATE.countDown();
		TenantApp.BLOCK_GATE.countDown();
		if (this.context != null) {
			this.context.close();
		}
	}

	@Test
	void concurrentFirstRequestsStartATenantExactlyOnce() throws Exception {
		run(TENANT_APP, "dispatch.path.tenants.acme.properties.x=y");
		CountDownLatch go = new CountDownLatch(1);
		List<CompletableFuture<HttpResponse<String>>> responses = new ArrayList<>();
		for (int i = 0; i < 50; i++) {
			responses.add(CompletableFuture.supplyAsync(() -> {
				awaitQuietly(go);
				return get("/acme/whoami");
			}));
		}
		go.countDown();
		for (CompletableFuture<HttpResponse<String>> response : responses) {
			assertThat(response.get(60, TimeUnit.SECONDS).body()).isEqualTo("acme");
		}
		assertThat(starts("acme")).isEqualTo(1);
	}

	@Test
	void tenantsStartWithoutWaitingForEachOther() throws Exception {
		run(TENANT_APP, "dispatch.path.tenants.slow.properties.x=y", "dispatch.path.tenants.acme.properties.x=y");
		CompletableFuture<HttpResponse<String>> slow = CompletableFuture.supplyAsync(() -> get("/slow/whoami"));
		assertThat(TenantApp.SLOW_ENTERED.await(30, TimeUnit.SECONDS)).isTrue();
		assertThat(get("/acme/whoami").body()).isEqualTo("acme");
		assertThat(slow).isNotDone();
		TenantApp.SLOW_GATE.countDown();
		assertThat(slow.get(30, TimeUnit.SECONDS).body()).isEqualTo("slow");
	}

	@Test
	void tenantThatNeedsRoomWaitsForTheStartingTenantWhoseRequestIsServedFirst() throws Exception {
		run(TENANT_APP, "dispatch.path.max-instances=1", "dispatch.path.tenants.slow.properties.x=y",
				"dispatch.path.tenants.acme.properties.x=y");
		CompletableFuture<HttpResponse<String>> slow = CompletableFuture.supplyAsync(() -> get("/slow/whoami"));
		assertThat(TenantApp.SLOW_ENTERED.await(30, TimeUnit.SECONDS)).isTrue();
		CompletableFuture<HttpResponse<String>> acme = CompletableFuture.supplyAsync(() -> get("/acme/whoami"));
		TenantApp.SLOW_GATE.countDown();
		assertThat(slow.get(30, TimeUnit.SECONDS).body()).isEqualTo("slow");
		assertThat(acme.get(30, TimeUnit.SECONDS).body()).isEqualTo("acme");
		assertThat(liveTenants()).isEqualTo(1);
		assertThat(tenantGroup().maxLiveCount()).isEqualTo(1);
		// acme stopped slow as soon as it started, but slow closed only once its request
		// was served, and acme started only once slow had closed The client may have its
		// response before the filter that records it returns
		await().atMost(Duration.ofSeconds(10))
			.untilAsserted(() -> assertThat(TenantApp.EVENTS).containsExactly("started slow", "served slow /whoami",
					"closed slow", "started acme", "served acme /whoami"));
	}

	@Test
	void leastRecentlyUsedTenantIsClosedBeyondMaxInstancesAndStartedAgainByItsNextRequest() {
		run(TENANT_APP, "dispatch.path.max-instances=2", "dispatch.path.tenants.a.properties.x=y",
				"dispatch.path.tenants.b.properties.x=y", "dispatch.path.tenants.c.properties.x=y");
		assertThat(get("/a/whoami").body()).isEqualTo("a");
		assertThat(get("/b/whoami").body()).isEqualTo("b");
		assertThat(get("/a/whoami").body()).isEqualTo("a");
		assertThat(get("/c/whoami").body()).isEqualTo("c");
		await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(TenantApp.CLOSED).containsExactly("b"));
		assertThat(get("/b/whoami").body()).isEqualTo("b");
		assertThat(starts("b")).isEqualTo(2);
		assertThat(starts("a")).isEqualTo(1);
		await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(liveTenants()).isLessThanOrEqualTo(2));
	}

	@Test
	void tenantsAreClosedInTheOrderOfTheirLastUse() {
		run(TENANT_APP, "dispatch.path.max-instances=20");
		Map<String, String> tenants = new java.util.LinkedHashMap<>();
		for (int i = 0; i < 20; i++) {
			tenants.put("t" + i, "x");
		}
		tenants.keySet().forEach((tenant) -> assertThat(get("/" + tenant + "/whoami").body()).isEqualTo(tenant));
		for (int i = 0; i < 19; i++) {
			get("/t" + i + "/whoami");
		}
		get("/new1/whoami");
		get("/new2/whoami");
		get("/new3/whoami");
		await().atMost(Duration.ofSeconds(10))
			.untilAsserted(() -> assertThat(TenantApp.CLOSED).containsExactly("t19", "t0", "t1"));
	}

	@Test
	void idleTenantIsClosedAndStartedAgainByItsNextRequest() {
		run(TENANT_APP, "dispatch.path.idle-timeout=300ms", "dispatch.path.tenants.a.properties.x=y");
		assertThat(get("/a/whoami").body()).isEqualTo("a");
		await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(TenantApp.CLOSED).containsExactly("a"));
		assertThat(get("/a/whoami").body()).isEqualTo("a");
		assertThat(starts("a")).isEqualTo(2);
	}

	@Test
	void tenantThatKeepsServingOutlivesTheIdleTimeoutAndClosesOnceIdle(CapturedOutput output) throws Exception {
		// Busy for three timeouts, with requests a tenth of one apart: slack for a slow
		// machine
		run(TENANT_APP, "dispatch.path.idle-timeout=1s", "dispatch.path.tenants.a.properties.x=y");
		long busyUntil = System.nanoTime() + TimeUnit.SECONDS.toNanos(3);
		while (System.nanoTime() < busyUntil) {
			assertThat(get("/a/whoami").body()).isEqualTo("a");
			Thread.sleep(100);
		}
		assertThat(TenantApp.CLOSED).isEmpty();
		assertThat(starts("a")).isEqualTo(1);
		await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(TenantApp.CLOSED).containsExactly("a"));
		assertThat(output).contains("Closing path tenant 'a' (idle)");
	}

	@Test
	void evictedTenantFinishesItsInFlightRequestsBeforeItClosesAndMakesRoom() throws Exception {
		run(TENANT_APP, "dispatch.path.max-instances=1", "dispatch.path.tenants.a.properties.x=y",
				"dispatch.path.tenants.b.properties.x=y");
		CompletableFuture<HttpResponse<String>> inFlight = CompletableFuture.supplyAsync(() -> get("/a/block"));
		assertThat(TenantApp.BLOCK_ENTERED.await(30, TimeUnit.SECONDS)).isTrue();
		CompletableFuture<HttpResponse<String>> b = CompletableFuture.supplyAsync(() -> get("/b/whoami"));
		await().atMost(Duration.ofSeconds(30)).until(() -> tenantGroup().getStoppingInstances().size() == 1);
		TenantApp.BLOCK_GATE.countDown();
		assertThat(inFlight.get(30, TimeUnit.SECONDS).body()).isEqualTo("unblocked by a");
		assertThat(b.get(30, TimeUnit.SECONDS).body()).isEqualTo("b");
		assertThat(get("/a/whoami").body()).isEqualTo("a");
		await().atMost(Duration.ofSeconds(10))
			.untilAsserted(() -> assertThat(TenantApp.EVENTS).containsExactly("started a", "served a /block",
					"closed a", "started b", "served b /whoami", "closed b", "started a", "served a /whoami"));
		assertThat(liveTenants()).isEqualTo(1);
	}

	@Test
	void tenantWaitingForABusyTenantToCloseClosesNoOtherTenant() throws Exception {
		run(TENANT_APP, "dispatch.path.max-instances=3", "dispatch.path.tenants.a.properties.x=y",
				"dispatch.path.tenants.b.properties.x=y", "dispatch.path.tenants.c.properties.x=y",
				"dispatch.path.tenants.d.properties.x=y");
		CompletableFuture<HttpResponse<String>> inFlight = CompletableFuture.supplyAsync(() -> get("/a/block"));
		assertThat(TenantApp.BLOCK_ENTERED.await(30, TimeUnit.SECONDS)).isTrue();
		assertThat(get("/b/whoami").body()).isEqualTo("b");
		assertThat(get("/c/whoami").body()).isEqualTo("c");
		CompletableFuture<HttpResponse<String>> d = CompletableFuture.supplyAsync(() -> get("/d/whoami"));
		await().atMost(Duration.ofSeconds(30)).until(() -> tenantGroup().getStoppingInstances().size() == 1);
		TenantApp.BLOCK_GATE.countDown();
		assertThat(inFlight.get(30, TimeUnit.SECONDS).body()).isEqualTo("unblocked by a");
		assertThat(d.get(30, TimeUnit.SECONDS).body()).isEqualTo("d");
		assertThat(get("/b/whoami").body()).isEqualTo("b");
		assertThat(get("/c/whoami").body()).isEqualTo("c");
		assertThat(TenantApp.CLOSED).containsExactly("a");
		assertThat(TenantApp.EVENTS).containsSubsequence("served a /block", "closed a", "started d");
	}

	@Test
	void tenantThatFailsToStartAnswers503AndLeavesOtherTenantsAlone(CapturedOutput output) {
		run(TENANT_APP, "dispatch.path.tenants.broken.properties.x=y", "dispatch.path.tenants.acme.properties.x=y");
		HttpResponse<String> response = get("/broken/whoami");
		assertThat(response.statusCode()).isEqualTo(503);
		assertThat(response.body()).isEqualTo("The path tenant 'broken' is unavailable");
		assertThat(get("/acme/whoami").body()).isEqualTo("acme");
		assertThat(get("/broken/whoami").statusCode()).isEqualTo(503);
		assertThat(starts("broken")).isEqualTo(1);
		assertThat(output.getOut().split("Failed to start path tenant 'broken'", -1)).hasSize(2);
		assertThat(TenantApp.CLOSED).containsExactly("broken");
	}

	@Test
	void failureToCloseAnEvictedTenantIsLoggedAndTheNextTenantsServe(CapturedOutput output) {
		run(TENANT_APP, "dispatch.path.max-instances=1", "dispatch.path.tenants.faulty.properties.x=y",
				"dispatch.path.tenants.a.properties.x=y", "dispatch.path.tenants.b.properties.x=y");
		assertThat(get("/faulty/whoami").body()).isEqualTo("faulty");
		assertThat(get("/a/whoami").body()).isEqualTo("a");
		await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(TenantApp.CLOSED).contains("faulty"));
		assertThat(output).contains("Failed to destroy the filter 'faultyFilter' of path tenant 'faulty'");
		assertThat(get("/b/whoami").body()).isEqualTo("b");
		await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(TenantApp.CLOSED).contains("a"));
	}

	@Test
	void closingTheDefaultApplicationClosesEveryTenant() {
		run(TENANT_APP, "dispatch.path.tenants.a.properties.x=y", "dispatch.path.tenants.b.properties.x=y");
		get("/a/whoami");
		get("/b/whoami");
		this.context.close();
		this.context = null;
		assertThat(TenantApp.CLOSED).containsExactly("b", "a");
	}

	@Test
	void closingTheDefaultApplicationClosesAnEvictedTenantAfterItsInFlightRequests() throws Exception {
		run(TENANT_APP, "dispatch.path.idle-timeout=200ms", "dispatch.path.tenants.a.properties.x=y",
				"server.shutdown=immediate");
		CompletableFuture<HttpResponse<String>> inFlight = CompletableFuture.supplyAsync(() -> get("/a/block"));
		assertThat(TenantApp.BLOCK_ENTERED.await(30, TimeUnit.SECONDS)).isTrue();
		await().atMost(Duration.ofSeconds(10)).until(() -> tenantGroup().getTenants().isEmpty());
		CompletableFuture<Void> closing = CompletableFuture.runAsync(this.context::close);
		TenantApp.BLOCK_GATE.countDown();
		assertThat(inFlight.get(30, TimeUnit.SECONDS).body()).isEqualTo("unblocked by a");
		closing.get(30, TimeUnit.SECONDS);
		this.context = null;
		assertThat(TenantApp.EVENTS).containsExactly("started a", "served a /block", "closed a");
	}

	private void run(String... properties) {
		this.context = new SpringApplicationBuilder(ParentApp.class, AnyTenant.class).properties("server.port=0")
			.properties(properties)
			.run();
	}

	private int starts(String tenant) {
		return TenantApp.STARTS.getOrDefault(tenant, new AtomicInteger()).get();
	}

	private int liveTenants() {
		return tenantGroup().liveCount();
	}

	private TenantGroup tenantGroup() {
		return this.context.getBean(DispatchedApplicationRegistry.class).getTenantGroups().get(0);
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
	static class ParentApp {

	}

	/**
	 * Knows the tenants that a test lists, and any key when it lists none.
	 */
	@Configuration(proxyBeanMethods = false)
	static class AnyTenant {

		@Bean
		TenantDirectory tenantDirectory(org.springframework.core.env.Environment environment) {
			return (key) -> (!environment.containsProperty("dispatch.path.tenants." + key + ".properties.x")
					&& environment.getProperty("dispatch.path.tenants.listed", Boolean.class, false)) ? null
							: TenantDefinition.DEFAULT;
		}

	}

	@Configuration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	@Import({ WhoAmIController.class, TenantController.class })
	static class TenantApp {

		static final Map<String, AtomicInteger> STARTS = new ConcurrentHashMap<>();

		static final List<String> CLOSED = new CopyOnWriteArrayList<>();

		/**
		 * What happened to the tenants, in order: starts, served requests, closes.
		 */
		static final List<String> EVENTS = new CopyOnWriteArrayList<>();

		static volatile CountDownLatch SLOW_ENTERED;

		static volatile CountDownLatch SLOW_GATE;

		static volatile CountDownLatch BLOCK_ENTERED;

		static volatile CountDownLatch BLOCK_GATE;

		@Bean
		DisposableBean closing(@Value("${dispatch.tenant}") String tenant) {
			return () -> {
				CLOSED.add(tenant);
				EVENTS.add("closed " + tenant);
			};
		}

		@Bean
		FilterRegistrationBean<Filter> faultyFilter(@Value("${dispatch.tenant}") String tenant) {
			FilterRegistrationBean<Filter> registration = new FilterRegistrationBean<>(new Filter() {

				@Override
				public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
						throws IOException, ServletException {
					chain.doFilter(request, response);
					EVENTS.add("served " + tenant + " " + ((HttpServletRequest) request).getPathInfo());
				}

				@Override
				public void destroy() {
					if (tenant.equals("faulty")) {
						throw new IllegalStateException("filter destroy failure");
					}
				}

			});
			registration.setName("faultyFilter");
			return registration;
		}

		@Bean
		String name(@Value("${dispatch.tenant}") String tenant, DisposableBean closing) throws InterruptedException {
			STARTS.computeIfAbsent(tenant, (key) -> new AtomicInteger()).incrementAndGet();
			EVENTS.add("started " + tenant);
			if (tenant.equals("slow")) {
				SLOW_ENTERED.countDown();
				SLOW_GATE.await(30, TimeUnit.SECONDS);
			}
			if (tenant.equals("broken")) {
				throw new IllegalStateException("broken tenant");
			}
			return tenant;
		}

	}

	@RestController
	static class TenantController {

		private final String name;

		TenantController(String name) {
			this.name = name;
		}

		@GetMapping("/block")
		String block() throws InterruptedException {
			TenantApp.BLOCK_ENTERED.countDown();
			TenantApp.BLOCK_GATE.await(30, TimeUnit.SECONDS);
			return "unblocked by " + this.name;
		}

	}

}
