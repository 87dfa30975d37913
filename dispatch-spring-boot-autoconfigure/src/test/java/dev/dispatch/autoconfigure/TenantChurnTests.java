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

import java.lang.management.ManagementFactory;
import java.lang.ref.WeakReference;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import dev.dispatch.application.DispatchedApplicationRegistry;
import dev.dispatch.application.TenantGroup;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ApplicationContext;
import org.springframework.context.ApplicationContextAware;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.util.ReflectionUtils;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Churn and leaks: many tenants behind a small {@code max-instances}, many clients, a
 * fixed number of requests. A harness, not a timed test: it asserts outcomes (no failed
 * request, never more live contexts than the limit, every evicted context destroyed, no
 * surviving context, thread or shutdown hook) and prints the figures.
 * <p>
 * The suite runs it small; {@code -Dchurn.tenants=1000 -Dchurn.max=50 -Dchurn.clients=32
 * -Dchurn.requests=2000 -Dleak.tenants=5000 -Dleak.clients=4} runs the sizes that the
 * README reports.
 *
 * @author Dispatch contributors
 */
class TenantChurnTests {

	private static final int TENANTS = Integer.getInteger("churn.tenants", 100);

	private static final int MAX_INSTANCES = Integer.getInteger("churn.max", 10);

	private static final int CLIENTS = Integer.getInteger("churn.clients", 8);

	private static final int REQUESTS = Integer.getInteger("churn.requests", 400);

	private static final int LEAK_TENANTS = Integer.getInteger("leak.tenants", 200);

	private static final int LEAK_CLIENTS = Integer.getInteger("leak.clients", 2);

	private ConfigurableApplicationContext context;

	@AfterEach
	void close() {
		if (this.context != null) {
			this.context.close();
		}
	}

	@Test
	void churnFailsNoRequestAndNeverExceedsTheLimit() throws Exception {
		run("dispatch.path.max-instances=" + MAX_INSTANCES, "dispatch.start-timeout=60s");
		ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
		AtomicInteger sent = new AtomicInteger();
		List<String> failures = new CopyOnWriteArrayList<>();
		List<Future<?>> running = new ArrayList<>();
		for (int i = 0; i < CLIENTS; i++) {
			running.add(clients.submit(() -> {
				while (sent.incrementAndGet() <= REQUESTS) {
					String tenant = "t" + ThreadLocalRandom.current().nextInt(TENANTS);
					HttpResponse<String> response = get("/" + tenant + "/whoami");
					if (response.statusCode() != 200 || !response.body().equals(tenant)) {
						failures.add(tenant + " -> " + response.statusCode() + " " + response.body());
					}
				}
			}));
		}
		for (Future<?> client : running) {
			client.get(30, TimeUnit.MINUTES);
		}
		clients.shutdown();
		TenantGroup group = group();
		System.out.printf(
				"churn: %d requests, %d clients, %d tenants, max-instances %d: %d failed, %d started,"
						+ " %d destroyed, %d live, at most %d live%n",
				REQUESTS, CLIENTS, TENANTS, MAX_INSTANCES, failures.size(), group.startedCount(),
				group.destroyedCount(), group.liveCount(), group.maxLiveCount());
		assertThat(failures).isEmpty();
		assertThat(group.maxLiveCount()).isLessThanOrEqualTo(MAX_INSTANCES);
		awaitDestroyed(group);
		assertThat(group.startedCount()).isEqualTo(group.destroyedCount() + group.liveCount());
	}

	@Test
	void evictedTenantsLeaveNoContextThreadOrShutdownHookBehind() throws Exception {
		run("dispatch.path.max-instances=" + MAX_INSTANCES);
		for (int i = 0; i < MAX_INSTANCES * 3; i++) {
			assertThat(get("/w" + i + "/whoami").body()).isEqualTo("w" + i);
		}
		awaitDestroyed(group());
		Snapshot before = Snapshot.take();
		ExecutorService clients = Executors.newFixedThreadPool(LEAK_CLIENTS);
		AtomicInteger next = new AtomicInteger();
		List<String> failures = new CopyOnWriteArrayList<>();
		List<Future<?>> running = new ArrayList<>();
		for (int i = 0; i < LEAK_CLIENTS; i++) {
			running.add(clients.submit(() -> {
				for (int tenant = next.getAndIncrement(); tenant < LEAK_TENANTS; tenant = next.getAndIncrement()) {
					HttpResponse<String> response = get("/t" + tenant + "/whoami");
					if (!response.body().equals("t" + tenant)) {
						failures.add("t" + tenant + " -> " + response.statusCode() + " " + response.body());
					}
				}
			}));
		}
		for (Future<?> client : running) {
			client.get(60, TimeUnit.MINUTES);
		}
		clients.shutdown();
		assertThat(clients.awaitTermination(1, TimeUnit.MINUTES)).isTrue();
		assertThat(failures).isEmpty();
		awaitDestroyed(group());
		Snapshot after = Snapshot.take();
		int surviving = TenantApp.surviving();
		System.out.printf(
				"leaks: %d tenants started and evicted by %d clients; heap %.1f -> %.1f MiB, threads %d -> %d,"
						+ " shutdown hooks %d -> %d, surviving tenant contexts %d (live %d)%n",
				LEAK_TENANTS, LEAK_CLIENTS, before.heap() / 1048576.0, after.heap() / 1048576.0, before.threads(),
				after.threads(), before.hooks(), after.hooks(), surviving, group().liveCount());
		assertThat(surviving).isEqualTo(group().liveCount()).isLessThanOrEqualTo(MAX_INSTANCES);
		// Bounded by concurrency, not by tenants: the starters' pool and the HTTP
		// client's keep a thread per concurrent client idle for a while
		assertThat(after.threads()).isLessThanOrEqualTo(before.threads() + 2 * LEAK_CLIENTS + 2);
		assertThat(after.hooks()).isEqualTo(before.hooks());
		assertThat(after.heap() - before.heap()).as("heap growth in bytes").isLessThan(16L * 1024 * 1024);
	}

	private void awaitDestroyed(TenantGroup group) throws InterruptedException {
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
		while (group.startedCount() != group.destroyedCount() + group.liveCount() && System.nanoTime() < deadline) {
			Thread.sleep(20);
		}
	}

	private void run(String... properties) {
		this.context = new SpringApplicationBuilder(ParentApp.class).properties("server.port=0")
			.properties("dispatch.path.sources=" + TenantApp.class.getName())
			.properties(properties)
			.run();
	}

	private TenantGroup group() {
		return this.context.getBean(DispatchedApplicationRegistry.class).getTenantGroups().get(0);
	}

	private HttpResponse<String> get(String path) {
		return TestRequests.get(((WebServerApplicationContext) this.context).getWebServer().getPort(), path);
	}

	record Snapshot(long heap, int threads, int hooks) {

		static Snapshot take() throws InterruptedException {
			for (int i = 0; i < 5; i++) {
				System.gc();
				Thread.sleep(100);
			}
			return new Snapshot(ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed(),
					ManagementFactory.getThreadMXBean().getThreadCount(), shutdownHooks());
		}

		private static int shutdownHooks() {
			try {
				Class<?> hooks = Class.forName("java.lang.ApplicationShutdownHooks");
				java.lang.reflect.Field field = ReflectionUtils.findField(hooks, "hooks");
				ReflectionUtils.makeAccessible(field);
				synchronized (hooks) {
					return ((IdentityHashMap<?, ?>) field.get(null)).size();
				}
			}
			catch (ReflectiveOperationException | RuntimeException ex) {
				throw new IllegalStateException("Run with --add-opens java.base/java.lang=ALL-UNNAMED", ex);
			}
		}

	}

	@SpringBootConfiguration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	static class ParentApp {

		@Bean
		TenantDirectory anyKey() {
			return (key) -> TenantDefinition.DEFAULT;
		}

	}

	@Configuration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	@Import(WhoAmIController.class)
	static class TenantApp implements ApplicationContextAware {

		private static final List<WeakReference<ApplicationContext>> contexts = new CopyOnWriteArrayList<>();

		@Override
		public void setApplicationContext(ApplicationContext context) {
			contexts.add(new WeakReference<>(context));
		}

		static int surviving() {
			contexts.removeIf((context) -> context.get() == null);
			return contexts.size();
		}

		@Bean
		String name(org.springframework.core.env.Environment environment) {
			return environment.getRequiredProperty("dispatch.tenant");
		}

	}

}
