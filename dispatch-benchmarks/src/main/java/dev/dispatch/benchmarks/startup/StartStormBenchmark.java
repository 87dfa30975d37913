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

package dev.dispatch.benchmarks.startup;

import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import dev.dispatch.benchmarks.Fork;

import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;

/**
 * A start storm, as after a deploy: the first requests of 500 tenants of a Boot template
 * at once, each client asking again after a 503's {@code Retry-After} until its tenant
 * answers. Counts the answers that are neither a 200 nor a designed 503, the most tenants
 * that started at once (from the start of their context's refresh to its singletons), the
 * time until every tenant has answered, and the heap after GC once they have. Argument:
 * {@code limited} (the defaults: as many starts at once as processors, 100 in line) or
 * {@code unlimited} (no line).
 *
 * @author Dispatch contributors
 */
public final class StartStormBenchmark {

	private static final int TENANTS = 500;

	private static final AtomicInteger starting = new AtomicInteger();

	private static final AtomicInteger mostStarting = new AtomicInteger();

	private StartStormBenchmark() {
	}

	public static void main(String[] args) throws Exception {
		String variant = args[0];
		Map<String, Object> properties = new HashMap<>(Map.of("server.port", "0", "spring.main.banner-mode", "off",
				"logging.level.root", "warn", "dispatch.path.prefix", "/t", "dispatch.path.sources",
				StormTemplate.class.getName(), "dispatch.path.max-instances", String.valueOf(TENANTS)));
		if (variant.equals("unlimited")) {
			properties.put("dispatch.max-concurrent-starts", String.valueOf(Integer.MAX_VALUE));
		}
		SpringApplication application = new SpringApplication(StartupApplications.DefaultApplication.class);
		application.setDefaultProperties(properties);
		try (ConfigurableApplicationContext context = application.run()) {
			int port = ((WebServerApplicationContext) context).getWebServer().getPort();
			storm(port, "storm." + variant + ".");
		}
		System.exit(0);
	}

	private static void storm(int port, String prefix) throws Exception {
		ExecutorService clients = Executors.newFixedThreadPool(TENANTS);
		HttpClient client = HttpClient.newHttpClient();
		CountDownLatch go = new CountDownLatch(1);
		AtomicInteger designed = new AtomicInteger();
		List<String> errors = new ArrayList<>();
		List<Future<?>> answered = new ArrayList<>();
		for (int i = 0; i < TENANTS; i++) {
			URI uri = URI.create("http://localhost:" + port + "/t/s" + i + "/hello");
			answered.add(clients.submit(() -> {
				go.await();
				while (true) {
					HttpResponse<String> response = client.send(
							HttpRequest.newBuilder(uri).timeout(Duration.ofMinutes(2)).build(),
							HttpResponse.BodyHandlers.ofString());
					if (response.statusCode() == 200) {
						return null;
					}
					String retryAfter = response.headers().firstValue("Retry-After").orElse(null);
					if (response.statusCode() != 503 || retryAfter == null) {
						synchronized (errors) {
							errors.add(uri.getPath() + ": " + response.statusCode() + " " + response.body());
						}
						return null;
					}
					designed.incrementAndGet();
					Thread.sleep(TimeUnit.SECONDS.toMillis(Long.parseLong(retryAfter)));
				}
			}));
		}
		long start = System.nanoTime();
		go.countDown();
		for (Future<?> answer : answered) {
			answer.get(10, TimeUnit.MINUTES);
		}
		Fork.report(prefix + "all-answered-ms", (System.nanoTime() - start) / 1e6);
		errors.stream().limit(5).forEach((error) -> System.out.println("error: " + error));
		Fork.report(prefix + "errors", errors.size());
		Fork.report(prefix + "designed-503", designed.get());
		Fork.report(prefix + "most-starting", mostStarting.get());
		for (int i = 0; i < 3; i++) {
			System.gc();
		}
		Fork.report(prefix + "heap-after-gc-mib",
				ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed() / (1024.0 * 1024));
		clients.shutdownNow();
	}

	/**
	 * The tenants' template: {@link StartupApplications.BootTemplate}, counting the
	 * tenants that start at once.
	 */
	@SpringBootConfiguration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	@Import(StartupApplications.GreetingController.class)
	public static class StormTemplate {

		@Bean
		static BeanFactoryPostProcessor startBegins() {
			return (beanFactory) -> mostStarting.accumulateAndGet(starting.incrementAndGet(), Math::max);
		}

		@Bean
		SmartInitializingSingleton startEnds() {
			return starting::decrementAndGet;
		}

	}

}
