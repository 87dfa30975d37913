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

package dev.dispatch.benchmarks.hotpath;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import dev.dispatch.autoconfigure.TenantDefinition;
import dev.dispatch.autoconfigure.TenantDirectory;
import dev.dispatch.benchmarks.Fork;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * A noisy neighbour on the real server: one tenant gets 200 concurrent requests that each
 * take a second, while ten other tenants are asked at a steady rate. The others'
 * latencies during the flood, as ratios of theirs before it in the same JVM: p50 and p99.
 * Flooding clients ask again as soon as their request is answered, after a 503's
 * {@code Retry-After}. Arguments: {@code limit} (the tenants'
 * {@code max-concurrent-requests} is 20) or {@code none}, then {@code platform} or
 * {@code virtual} ({@code spring.threads.virtual.enabled}, Java 21 and later).
 *
 * @author Dispatch contributors
 */
public final class NoisyNeighbourBenchmark {

	private static final int FLOODING_CLIENTS = 200;

	private static final int QUIET_TENANTS = 10;

	// One request of a quiet tenant every 20 ms, from each of 4 clients: 200 requests/s
	private static final int QUIET_CLIENTS = 4;

	private static final Duration QUIET_PAUSE = Duration.ofMillis(20);

	private static final Duration PHASE = Duration.ofSeconds(15);

	private final HttpClient client = HttpClient.newBuilder().executor(Executors.newCachedThreadPool()).build();

	private final int port;

	private NoisyNeighbourBenchmark(int port) {
		this.port = port;
	}

	public static void main(String[] args) throws Exception {
		String limit = args[0];
		String threads = args[1];
		Map<String, Object> properties = new HashMap<>(
				Map.of("server.port", "0", "spring.main.banner-mode", "off", "logging.level.root", "warn",
						"dispatch.path.prefix", "/t", "dispatch.path.sources", TenantApplication.class.getName(),
						"spring.threads.virtual.enabled", String.valueOf(threads.equals("virtual"))));
		if (limit.equals("limit")) {
			properties.put("dispatch.path.max-concurrent-requests", "20");
		}
		SpringApplication application = new SpringApplication(Host.class);
		application.setDefaultProperties(properties);
		try (ConfigurableApplicationContext context = application.run()) {
			NoisyNeighbourBenchmark benchmark = new NoisyNeighbourBenchmark(
					((WebServerApplicationContext) context).getWebServer().getPort());
			String prefix = "noisy." + limit + "." + threads + ".";
			// Every tenant started, and the JIT warmed up, before anything is measured
			benchmark.get("/t/noisy/hello");
			benchmark.quiet(Duration.ofSeconds(10));
			Latencies quiet = benchmark.quiet(PHASE);
			AtomicBoolean flooding = new AtomicBoolean(true);
			AtomicInteger turnedAway = new AtomicInteger();
			ExecutorService flood = Executors.newFixedThreadPool(FLOODING_CLIENTS);
			List<Future<?>> floods = new ArrayList<>();
			for (int i = 0; i < FLOODING_CLIENTS; i++) {
				floods.add(flood.submit(() -> benchmark.flood(flooding, turnedAway)));
			}
			// The flood fills the server before the others are measured
			Thread.sleep(2000);
			Latencies during = benchmark.quiet(PHASE);
			flooding.set(false);
			for (Future<?> future : floods) {
				future.get(1, TimeUnit.MINUTES);
			}
			flood.shutdown();
			Fork.report(prefix + "quiet-p50-ms", quiet.percentile(50));
			Fork.report(prefix + "quiet-p99-ms", quiet.percentile(99));
			Fork.report(prefix + "flood-p50-ms", during.percentile(50));
			Fork.report(prefix + "flood-p99-ms", during.percentile(99));
			Fork.report(prefix + "failed", quiet.failed + during.failed);
			Fork.report(prefix + "turned-away", turnedAway.get());
		}
		System.exit(0);
	}

	private Latencies quiet(Duration phase) throws Exception {
		ExecutorService clients = Executors.newFixedThreadPool(QUIET_CLIENTS);
		List<Future<Latencies>> results = new ArrayList<>();
		long end = System.nanoTime() + phase.toNanos();
		for (int c = 0; c < QUIET_CLIENTS; c++) {
			int offset = c;
			results.add(clients.submit(() -> {
				Latencies latencies = new Latencies();
				for (int i = offset; System.nanoTime() < end; i++) {
					long start = System.nanoTime();
					HttpResponse<String> response = get("/t/q" + (i % QUIET_TENANTS) + "/hello");
					if (response.statusCode() == 200) {
						latencies.add((System.nanoTime() - start) / 1e6);
					}
					else {
						latencies.failed++;
					}
					Thread.sleep(QUIET_PAUSE.toMillis());
				}
				return latencies;
			}));
		}
		Latencies all = new Latencies();
		for (Future<Latencies> result : results) {
			all.addAll(result.get());
		}
		clients.shutdown();
		return all;
	}

	private Void flood(AtomicBoolean flooding, AtomicInteger turnedAway) throws Exception {
		while (flooding.get()) {
			HttpResponse<String> response = get("/t/noisy/slow");
			if (response.statusCode() == 503) {
				turnedAway.incrementAndGet();
				Thread.sleep(TimeUnit.SECONDS
					.toMillis(Long.parseLong(response.headers().firstValue("Retry-After").orElse("1"))));
			}
		}
		return null;
	}

	private HttpResponse<String> get(String path) throws Exception {
		return this.client.send(HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + path))
			.timeout(Duration.ofMinutes(1))
			.build(), HttpResponse.BodyHandlers.ofString());
	}

	/**
	 * Latencies of successful requests, and the count of the others.
	 */
	private static final class Latencies {

		private double[] millis = new double[1024];

		private int size;

		private int failed;

		void add(double value) {
			if (this.size == this.millis.length) {
				this.millis = Arrays.copyOf(this.millis, this.size * 2);
			}
			this.millis[this.size++] = value;
		}

		void addAll(Latencies other) {
			for (int i = 0; i < other.size; i++) {
				add(other.millis[i]);
			}
			this.failed += other.failed;
		}

		double percentile(int percentile) {
			double[] sorted = Arrays.copyOf(this.millis, this.size);
			Arrays.sort(sorted);
			return sorted[Math.min(this.size - 1, (int) Math.ceil(percentile / 100.0 * this.size) - 1)];
		}

	}

	@SpringBootConfiguration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	static class Host {

		@Bean
		TenantDirectory tenantDirectory() {
			return (key) -> TenantDefinition.DEFAULT;
		}

	}

	/**
	 * The tenants' template: {@code /hello} at once, {@code /slow} after a second.
	 */
	@SpringBootConfiguration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	@Import(TenantController.class)
	public static class TenantApplication {

	}

	@RestController
	static class TenantController {

		@GetMapping("/hello")
		String hello() {
			return "hello";
		}

		@GetMapping("/slow")
		String slow() throws InterruptedException {
			// Stands for a second of waiting on something slow, holding the request's
			// thread
			Thread.sleep(1000);
			return "slow";
		}

	}

}
