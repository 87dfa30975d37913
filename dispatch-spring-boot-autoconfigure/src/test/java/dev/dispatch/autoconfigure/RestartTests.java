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

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import com.jayway.jsonpath.JsonPath;
import dev.dispatch.application.ApplicationInstance;
import dev.dispatch.application.DispatchedApplicationRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.util.Assert;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.awaitility.Awaitility.await;

/**
 * Restarting a running application without downtime: through the API and the endpoint,
 * under steady load, when the new instance fails, and for a tenant whose directory
 * changed.
 *
 * @author Dispatch contributors
 */
class RestartTests {

	private static final String APP = "dev.dispatch.autoconfigure.RestartTests$InstanceApp";

	private static final Map<String, TenantDefinition> DIRECTORY = new ConcurrentHashMap<>();

	private ConfigurableApplicationContext context;

	@BeforeEach
	void reset() {
		InstanceApp.broken = false;
		InstanceApp.entered = null;
		InstanceApp.gate = null;
		DIRECTORY.clear();
	}

	@AfterEach
	void close() {
		if (InstanceApp.gate != null) {
			InstanceApp.gate.countDown();
		}
		if (this.context != null) {
			this.context.close();
		}
	}

	@Test
	void restartUnderSteadyLoadFailsNoRequestAndSwitchesToTheNewInstance() throws Exception {
		run("dispatch.mounts.backend.path=/backend", "dispatch.mounts.backend.sources=" + APP);
		String before = get("/backend/instance").body();
		ApplicationInstance old = registry().getMounts().get(0).getRunning();
		AtomicInteger failures = new AtomicInteger();
		AtomicInteger served = new AtomicInteger();
		Set<String> instances = ConcurrentHashMap.newKeySet();
		AtomicReference<String> after = new AtomicReference<>();
		CountDownLatch loaded = new CountDownLatch(200);
		CountDownLatch switched = new CountDownLatch(200);
		List<Thread> clients = new ArrayList<>();
		for (int i = 0; i < 4; i++) {
			Thread client = new Thread(() -> {
				while (switched.getCount() > 0) {
					HttpResponse<String> response = get("/backend/instance");
					served.incrementAndGet();
					if (response.statusCode() != 200) {
						failures.incrementAndGet();
					}
					instances.add(response.body());
					loaded.countDown();
					if (response.body().equals(after.get())) {
						switched.countDown();
					}
				}
			});
			client.start();
			clients.add(client);
		}
		assertThat(loaded.await(60, TimeUnit.SECONDS)).isTrue();
		assertThat(applications().restart("backend")).isTrue();
		after.set(registry().getMounts().get(0).getRunning().getDefinition().name() + ":" + InstanceApp.last.get());
		assertThat(switched.await(60, TimeUnit.SECONDS)).isTrue();
		for (Thread client : clients) {
			client.join(TimeUnit.SECONDS.toMillis(60));
		}
		assertThat(failures).hasValue(0);
		assertThat(served.get()).isGreaterThanOrEqualTo(400);
		assertThat(instances).contains(before, after.get()).hasSize(2);
		assertThat(get("/backend/instance").body()).isEqualTo(after.get());
		await().atMost(Duration.ofSeconds(30)).until(old::isClosed);
	}

	@Test
	void runningInstanceServesWhileItsReplacementStarts() throws Exception {
		run("dispatch.mounts.backend.path=/backend", "dispatch.mounts.backend.sources=" + APP);
		String before = get("/backend/instance").body();
		InstanceApp.entered = new CountDownLatch(1);
		InstanceApp.gate = new CountDownLatch(1);
		CompletableFuture<Boolean> restart = CompletableFuture.supplyAsync(() -> applications().restart("backend"));
		assertThat(InstanceApp.entered.await(30, TimeUnit.SECONDS)).isTrue();
		HttpResponse<String> during = get("/backend/instance");
		assertThat(during.statusCode()).isEqualTo(200);
		assertThat(during.body()).isEqualTo(before);
		assertThat(restart).isNotDone();
		InstanceApp.gate.countDown();
		assertThat(restart.get(30, TimeUnit.SECONDS)).isTrue();
		assertThat(get("/backend/instance").body()).isNotEqualTo(before);
	}

	@Test
	void failedRestartKeepsTheRunningInstanceServingAndSaysWhy() {
		run("dispatch.mounts.backend.path=/backend", "dispatch.mounts.backend.sources=" + APP,
				"management.endpoints.web.exposure.include=dispatch");
		String before = get("/backend/instance").body();
		InstanceApp.broken = true;
		assertThatIllegalStateException().isThrownBy(() -> applications().restart("backend"))
			.withMessageContaining("broken on purpose")
			.withMessageContaining("its running instance keeps serving");
		assertThat(get("/backend/instance").body()).isEqualTo(before);
		String described = get("/actuator/dispatch/backend").body();
		assertThat(JsonPath.<String>read(described, "$.state")).isEqualTo("RUNNING");
		assertThat(JsonPath.<String>read(described, "$.failure")).contains("broken on purpose");
		InstanceApp.broken = false;
		HttpResponse<String> restarted = send(
				HttpRequest.newBuilder(uri("/actuator/dispatch/backend")).POST(HttpRequest.BodyPublishers.noBody()));
		assertThat(restarted.statusCode()).isEqualTo(200);
		assertThat(JsonPath.<String>read(restarted.body(), "$.state")).isEqualTo("RUNNING");
		assertThat(restarted.body()).doesNotContain("\"failure\"");
		assertThat(get("/backend/instance").body()).isNotEqualTo(before);
	}

	@Test
	void restartedTenantReadsItsDirectoryAgainAndKeepsItsPlace() {
		DIRECTORY.put("acme", TenantDefinition.of(Map.of("greeting", "hello")));
		DIRECTORY.put("globex", TenantDefinition.of(Map.of("greeting", "hi")));
		run("dispatch.path.prefix=/t", "dispatch.path.sources=" + APP, "dispatch.path.max-instances=1");
		assertThat(get("/t/acme/greeting").body()).isEqualTo("hello");
		ApplicationInstance old = registry().getTenantGroups().get(0).getTenants().get(0).getRunning();
		DIRECTORY.put("acme", TenantDefinition.of(Map.of("greeting", "hello again")));
		assertThat(applications().restart("path:acme")).isTrue();
		assertThat(get("/t/acme/greeting").body()).isEqualTo("hello again");
		await().atMost(Duration.ofSeconds(30)).until(old::isClosed);
		assertThat(liveTenants()).isEqualTo(1);
		// The restarted tenant still holds the one place: globex makes room by stopping
		// it
		assertThat(get("/t/globex/greeting").body()).isEqualTo("hi");
		assertThat(liveTenants()).isEqualTo(1);
		assertThat(registry().getTenantGroups().get(0).maxLiveCount()).isEqualTo(1);
	}

	@Test
	void restartOfATenantThatItsDirectoryNoLongerKnowsStopsIt() {
		DIRECTORY.put("acme", TenantDefinition.of(Map.of("greeting", "hello")));
		run("dispatch.path.prefix=/t", "dispatch.path.sources=" + APP);
		assertThat(get("/t/acme/greeting").body()).isEqualTo("hello");
		DIRECTORY.remove("acme");
		assertThat(applications().restart("path:acme")).isFalse();
		assertThat(get("/t/acme/greeting").statusCode()).isEqualTo(404);
	}

	@Test
	void applicationThatIsNotRunningIsNotStartedByARestart() {
		run("dispatch.mounts.backend.path=/backend", "dispatch.mounts.backend.sources=" + APP);
		assertThat(applications().restart("backend")).isFalse();
		assertThat(registry().getMounts().get(0).isRunning()).isFalse();
		assertThat(applications().restart("missing")).isFalse();
	}

	private int liveTenants() {
		return applications().getGroups()
			.stream()
			.filter((group) -> group.name().equals("path"))
			.findFirst()
			.orElseThrow()
			.live();
	}

	private DispatchedApplications applications() {
		return this.context.getBean(DispatchedApplications.class);
	}

	private DispatchedApplicationRegistry registry() {
		return this.context.getBean(DispatchedApplicationRegistry.class);
	}

	private void run(String... properties) {
		this.context = new SpringApplicationBuilder(HostApp.class).properties("server.port=0")
			.properties(properties)
			.run();
	}

	private URI uri(String path) {
		return URI
			.create("http://localhost:" + ((WebServerApplicationContext) this.context).getWebServer().getPort() + path);
	}

	private HttpResponse<String> get(String path) {
		return TestRequests.get(((WebServerApplicationContext) this.context).getWebServer().getPort(), path);
	}

	private HttpResponse<String> send(HttpRequest.Builder request) {
		try {
			return java.net.http.HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

	@SpringBootConfiguration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	static class HostApp {

		@Bean
		TenantDirectory tenantDirectory() {
			return DIRECTORY::get;
		}

	}

	@Configuration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	static class InstanceApp {

		static volatile boolean broken;

		static volatile CountDownLatch entered;

		static volatile CountDownLatch gate;

		static final AtomicReference<String> last = new AtomicReference<>();

		@Bean
		InstanceController instanceController(@Value("${greeting:none}") String greeting) {
			Assert.state(!broken, "broken on purpose");
			CountDownLatch gate = InstanceApp.gate;
			if (gate != null && entered != null) {
				entered.countDown();
				await().atMost(Duration.ofSeconds(30)).until(() -> gate.getCount() == 0);
			}
			String instance = UUID.randomUUID().toString();
			last.set(instance);
			return new InstanceController(instance, greeting);
		}

	}

	@RestController
	static class InstanceController {

		private final String instance;

		private final String greeting;

		InstanceController(String instance, String greeting) {
			this.instance = instance;
			this.greeting = greeting;
		}

		@GetMapping("/instance")
		String instance() {
			return "backend:" + this.instance;
		}

		@GetMapping("/greeting")
		String greeting() {
			return this.greeting;
		}

	}

}
