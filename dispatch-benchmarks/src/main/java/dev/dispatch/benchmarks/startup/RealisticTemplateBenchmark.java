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

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import dev.dispatch.benchmarks.Fork;
import dev.dispatch.benchmarks.Statistics;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Tenants of a template of a realistic size, the test application {@code catalog} (Spring
 * Data JPA on an in-memory H2 database per tenant, Thymeleaf, validation, a Caffeine
 * cache), started one after the other in a fresh JVM: the 1st, 20th and 200th tenant's
 * first response, the median of the 16th to 25th, the median of the 201st to 225th once
 * 200 have started, where the time of those goes, and the heap after GC per live tenant
 * between 20 and 200 live. Run with the catalog's classes and class path added
 * ({@link #classPath()}), which no other benchmark sees; the argument {@code unshared}
 * runs it with the Thymeleaf parsers of each tenant its own, {@code shared} with those
 * that the starter shares.
 *
 * @author Dispatch contributors
 */
public final class RealisticTemplateBenchmark {

	private static final String CATALOG = "../dispatch-test-apps/catalog/target/";

	private static final String TEMPLATE = "com.example.catalog.CatalogApplication";

	private static final int TENANTS = 200;

	private static final int SETTLED = 25;

	private final FirstResponses responses;

	private RealisticTemplateBenchmark(int port) {
		this.responses = new FirstResponses(port);
	}

	/**
	 * The catalog's classes and its class path, relative to this module.
	 * @return the entries
	 * @throws IOException if its class path file cannot be read
	 */
	public static List<String> classPath() throws IOException {
		List<String> entries = new ArrayList<>();
		entries.add(CATALOG + "classes");
		entries.addAll(Arrays.asList(Files.readString(Path.of(CATALOG + "classpath.txt")).strip().split(":")));
		return entries;
	}

	public static void main(String[] args) throws Exception {
		String variant = args[0];
		Map<String, Object> properties = new HashMap<>(Map.of("server.port", "0", "spring.main.banner-mode", "off",
				"logging.level.root", "warn", "dispatch.path.prefix", "/t", "dispatch.path.sources", TEMPLATE,
				"dispatch.path.max-instances", String.valueOf(TENANTS + SETTLED)));
		if (variant.equals("unshared")) {
			properties.put("dispatch.optimizations.shared-template-parsers", "false");
		}
		String prefix = "realistic." + variant + ".";
		SpringApplication application = new SpringApplication(StartupApplications.DefaultApplication.class);
		application.setDefaultProperties(properties);
		try (ConfigurableApplicationContext context = application.run()) {
			RealisticTemplateBenchmark benchmark = new RealisticTemplateBenchmark(
					((WebServerApplicationContext) context).getWebServer().getPort());
			double[] firstResponses = new double[TENANTS + SETTLED];
			double heapAt20 = 0;
			long gcBefore = 0;
			long jitBefore = 0;
			for (int i = 0; i < TENANTS + SETTLED; i++) {
				if (i == TENANTS) {
					gcBefore = StartupBenchmark.gcMillis();
					jitBefore = ManagementFactory.getCompilationMXBean().getTotalCompilationTime();
					StartupSteps.record();
				}
				firstResponses[i] = benchmark.responses.millis("/t/c" + (i + 1) + "/", "Rocket skates");
				if (i + 1 == 20) {
					heapAt20 = StartupBenchmark.usedHeapAfterGc();
				}
				if (i + 1 == TENANTS) {
					Fork.report(prefix + "heap-per-tenant-kib",
							(StartupBenchmark.usedHeapAfterGc() - heapAt20) / (TENANTS - 20) / 1024);
				}
			}
			StartupSteps.Summary steps = StartupSteps.stop();
			System.out.printf("Slowest beans of a settled start to instantiate (their own time, ms per start):%n");
			steps.slowestBeans(15).forEach((bean) -> System.out.printf("%8.2f %s%n", bean.getValue(), bean.getKey()));
			Fork.report(prefix + "1st-ms", firstResponses[0]);
			Fork.report(prefix + "20th-ms", firstResponses[19]);
			Fork.report(prefix + "200th-ms", firstResponses[199]);
			Fork.report(prefix + "16th-25th-median-ms", Statistics.median(Arrays.copyOfRange(firstResponses, 15, 25)));
			Fork.report(prefix + "settled-median-ms",
					Statistics.median(Arrays.copyOfRange(firstResponses, TENANTS, TENANTS + SETTLED)));
			// Where the time of the settled starts goes: the refresh, in it the beans'
			// instantiation, and beside the starts the GC and the JIT
			Fork.report(prefix + "settled-refresh-ms", steps.refresh());
			Fork.report(prefix + "settled-instantiation-ms", steps.instantiation());
			Fork.report(prefix + "settled-gc-ms-per-start",
					(StartupBenchmark.gcMillis() - gcBefore) / (double) SETTLED);
			Fork.report(prefix + "settled-jit-ms-per-start",
					(ManagementFactory.getCompilationMXBean().getTotalCompilationTime() - jitBefore)
							/ (double) SETTLED);
		}
		System.exit(0);
	}

}
