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

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import javax.management.ObjectName;

import dev.dispatch.benchmarks.Fork;
import dev.dispatch.benchmarks.Statistics;
import dev.dispatch.benchmarks.startup.StartupApplications.BareTemplate;
import dev.dispatch.benchmarks.startup.StartupApplications.BootTemplate;
import dev.dispatch.benchmarks.startup.StartupApplications.DefaultApplication;
import dev.dispatch.benchmarks.startup.StartupApplications.WarmUpTemplate;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Starts path tenants of one template, one after the other, and measures the time from
 * each new tenant's first request to its response; then two new tenants started at once
 * against one alone, after 200 tenants and again after 1,000; or the retained heap per
 * live tenant.
 * <p>
 * Arguments: {@code boot} or {@code bare} (the template), then {@code latency},
 * {@code memory} or {@code steps}: where the time of a start goes once the JIT has mostly
 * settled, from the start-up steps that Spring marks. {@code warm} alone measures the
 * first tenants of each template in a JVM that other tenants have warmed. Memory is
 * measured in a JVM of its own that clears soft references at every collection, so that
 * only what live tenants really hold is counted: caches that the JVM would drop under
 * pressure do not keep 1,000 tenants from fitting.
 *
 * @author Dispatch contributors
 */
public final class StartupBenchmark {

	private static final int TENANTS = 200;

	private static final int BASELINE_TENANTS = 20;

	private static final int SETTLED_TENANTS = 1000;

	private static final int PARALLEL_ROUNDS = 10;

	private static final int STEPS_AFTER = 300;

	private static final int STEPS_RECORDED = 100;

	private static final int WARM_UP_TENANTS = 400;

	private static final int WARM_UP_UNIQUE_TENANTS = 150;

	private static final int WARM_TENANTS = 25;

	private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

	private final String template;

	private final int port;

	StartupBenchmark(String template, int port) {
		this.template = template;
		this.port = port;
	}

	public static void main(String[] args) throws Exception {
		String template = args[0];
		if (template.equals("warm")) {
			warm();
			System.exit(0);
		}
		try (ConfigurableApplicationContext context = run(template)) {
			StartupBenchmark benchmark = new StartupBenchmark(template, port(context));
			switch (args[1]) {
				case "memory" -> benchmark.memory();
				case "steps" -> benchmark.steps();
				default -> benchmark.latency();
			}
		}
		System.exit(0);
	}

	/**
	 * Run the default application, whose path tenants under {@code /t} are made of a
	 * template.
	 * @param template {@code boot} or {@code bare}
	 * @return the default application's context
	 */
	static ConfigurableApplicationContext run(String template) {
		Class<?> source = switch (template) {
			case "boot" -> BootTemplate.class;
			case "bare" -> BareTemplate.class;
			default -> throw new IllegalArgumentException("Unknown template " + template);
		};
		return run(source, Map.of());
	}

	private static ConfigurableApplicationContext run(Class<?> template, Map<String, Object> properties) {
		Map<String, Object> defaultProperties = new HashMap<>(Map.of("server.port", "0", "spring.main.banner-mode",
				"off", "logging.level.root", "warn", "dispatch.path.prefix", "/t", "dispatch.path.sources",
				template.getName(), "dispatch.path.max-instances", "5000"));
		defaultProperties.putAll(properties);
		SpringApplication application = new SpringApplication(DefaultApplication.class);
		application.setDefaultProperties(defaultProperties);
		return application.run();
	}

	/**
	 * The first tenants of each template in a JVM that is warm already, as the project's
	 * reference figures (the naive child's 90 ms, the bare one's 23 ms) were measured,
	 * rather than in one that has run nothing but its default application: after
	 * {@value #WARM_UP_TENANTS} tenants of another template that reuse its configuration
	 * processing and {@value #WARM_UP_UNIQUE_TENANTS} that process their own, one new
	 * tenant of each template in turn, so that the machine's drift affects them alike.
	 * Each template has a default application of its own: the Boot template, the same
	 * template with {@code reuse-configuration: false} (what reusing the first tenant's
	 * configuration processing gains) and the bare template.
	 */
	private static void warm() throws Exception {
		List<ConfigurableApplicationContext> contexts = new ArrayList<>();
		try {
			// Both paths of a start: without the tenants that process their own
			// configuration, the JIT would compile that processing while the measured
			// tenants start, and every template's figures would pay for it
			warmUp(contexts, Map.of(), WARM_UP_TENANTS);
			warmUp(contexts, Map.of("dispatch.path.reuse-configuration", "false"), WARM_UP_UNIQUE_TENANTS);
			Map<String, StartupBenchmark> benchmarks = new LinkedHashMap<>();
			for (WarmTemplate template : WarmTemplate.values()) {
				ConfigurableApplicationContext context = run(template.source, template.properties);
				contexts.add(context);
				benchmarks.put(template.key, new StartupBenchmark(template.key, port(context)));
			}
			Map<String, double[]> millis = new LinkedHashMap<>();
			benchmarks.keySet().forEach((key) -> millis.put(key, new double[WARM_TENANTS]));
			for (int i = 0; i < WARM_TENANTS; i++) {
				List<String> line = new ArrayList<>();
				for (Map.Entry<String, StartupBenchmark> benchmark : benchmarks.entrySet()) {
					double tenant = benchmark.getValue().firstRequest("s" + (i + 1));
					millis.get(benchmark.getKey())[i] = tenant;
					line.add(String.format("%s %.1f ms", benchmark.getKey(), tenant));
				}
				System.out.printf("tenant %d: %s%n", i + 1, String.join(", ", line));
			}
			millis.forEach((key, values) -> {
				Fork.report("startup.warm." + key + ".1st", values[0]);
				Fork.report("startup.warm." + key + ".20th", values[19]);
				Fork.report("startup.warm." + key + ".median-16-25",
						Statistics.median(Arrays.copyOfRange(values, 15, 25)));
			});
		}
		finally {
			contexts.forEach(ConfigurableApplicationContext::close);
		}
	}

	private static void warmUp(List<ConfigurableApplicationContext> contexts, Map<String, Object> properties,
			int tenants) throws Exception {
		ConfigurableApplicationContext warmUp = run(WarmUpTemplate.class, properties);
		contexts.add(warmUp);
		StartupBenchmark warmUpTenants = new StartupBenchmark("warm-up", port(warmUp));
		for (int i = 0; i < tenants; i++) {
			warmUpTenants.firstRequest("w" + (i + 1));
		}
	}

	/**
	 * The templates that the {@code warm} mode measures, in the order it starts them.
	 */
	public enum WarmTemplate {

		/** Boot's full auto-configuration. */
		BOOT("boot", "boot template", BootTemplate.class, Map.of()),

		/** The same, each tenant processing its own configuration classes. */
		NO_REUSE("no-reuse", "boot template with reuse-configuration: false", BootTemplate.class,
				Map.of("dispatch.path.reuse-configuration", "false")),

		/** No auto-configuration. */
		BARE("bare", "bare template", BareTemplate.class, Map.of());

		private final String key;

		private final String label;

		private final Class<?> source;

		private final Map<String, Object> properties;

		WarmTemplate(String key, String label, Class<?> source, Map<String, Object> properties) {
			this.key = key;
			this.label = label;
			this.source = source;
			this.properties = properties;
		}

		/**
		 * Return the key of the template's figures: {@code startup.warm.<key>.<figure>}.
		 * @return the key
		 */
		public String key() {
			return this.key;
		}

		/**
		 * Return what the template is, for people.
		 * @return the label
		 */
		public String label() {
			return this.label;
		}

	}

	static int port(ConfigurableApplicationContext context) {
		return ((WebServerApplicationContext) context).getWebServer().getPort();
	}

	private void latency() throws Exception {
		double[] millis = new double[TENANTS];
		for (int i = 0; i < TENANTS; i++) {
			millis[i] = firstRequest("s" + (i + 1));
			System.out.printf("tenant %d: %.1f ms%n", i + 1, millis[i]);
		}
		String prefix = "startup." + this.template;
		Fork.report(prefix + ".1st", millis[0]);
		Fork.report(prefix + ".20th", millis[19]);
		Fork.report(prefix + ".200th", millis[199]);
		Fork.report(prefix + ".median-16-25", Statistics.median(Arrays.copyOfRange(millis, 15, 25)));
		Fork.report(prefix + ".median-21-200", Statistics.median(Arrays.copyOfRange(millis, 20, 200)));
		parallel(prefix + ".parallel", "");
		// At the 200th tenant the JIT still compiles beside each start: again once it has
		// settled, with many more tenants live
		for (int i = TENANTS; i < SETTLED_TENANTS; i++) {
			firstRequest("s" + (i + 1));
		}
		parallel(prefix + ".parallel-settled", "settled-");
	}

	private void parallel(String prefix, String keyPrefix) throws Exception {
		double[] single = new double[PARALLEL_ROUNDS];
		double[] pair = new double[PARALLEL_ROUNDS];
		long singleCpu = 0;
		double singleWall = 0;
		long singleJit = 0;
		long singleGc = 0;
		ExecutorService executor = Executors.newFixedThreadPool(2);
		try {
			for (int round = 0; round < PARALLEL_ROUNDS; round++) {
				long cpu = processCpuNanos();
				long jit = ManagementFactory.getCompilationMXBean().getTotalCompilationTime();
				long gc = gcMillis();
				single[round] = firstRequest(keyPrefix + "one" + round);
				singleCpu += processCpuNanos() - cpu;
				singleJit += ManagementFactory.getCompilationMXBean().getTotalCompilationTime() - jit;
				singleGc += gcMillis() - gc;
				singleWall += single[round];
				String a = keyPrefix + "a" + round;
				String b = keyPrefix + "b" + round;
				long start = System.nanoTime();
				CompletableFuture<Double> first = CompletableFuture.supplyAsync(() -> firstRequestUnchecked(a),
						executor);
				CompletableFuture<Double> second = CompletableFuture.supplyAsync(() -> firstRequestUnchecked(b),
						executor);
				CompletableFuture.allOf(first, second).join();
				pair[round] = (System.nanoTime() - start) / 1e6;
				System.out.printf("one tenant: %.1f ms, two at once: %.1f ms%n", single[round], pair[round]);
			}
		}
		finally {
			executor.shutdown();
		}
		// How many cores one start keeps busy (the JIT compiles and the GC collects
		// beside it) bounds what two starts at once on two cores can gain
		Fork.report(prefix + ".cores-busy-by-one", singleCpu / 1e6 / singleWall);
		Fork.report(prefix + ".jit-ms-per-one", (double) singleJit / PARALLEL_ROUNDS);
		Fork.report(prefix + ".gc-ms-per-one", (double) singleGc / PARALLEL_ROUNDS);
		double one = Statistics.median(single);
		double two = Statistics.median(pair);
		Fork.report(prefix + ".one", one);
		Fork.report(prefix + ".two", two);
		Fork.report(prefix + ".ratio", two / one);
	}

	private void steps() throws Exception {
		for (int i = 0; i < STEPS_AFTER; i++) {
			firstRequest("s" + (i + 1));
		}
		long jit = ManagementFactory.getCompilationMXBean().getTotalCompilationTime();
		double firstResponse = 0;
		StartupSteps.record();
		for (int i = STEPS_AFTER; i < STEPS_AFTER + STEPS_RECORDED; i++) {
			firstResponse += firstRequest("s" + (i + 1));
		}
		StartupSteps.Summary steps = StartupSteps.stop();
		if (steps.refreshes() != STEPS_RECORDED) {
			throw new IllegalStateException(
					"Recorded " + steps.refreshes() + " refreshes of " + STEPS_RECORDED + " tenants");
		}
		System.out.printf("Slowest beans to instantiate (their own time, ms per start) of %d:%n", steps.beans());
		steps.slowestBeans(15).forEach((bean) -> System.out.printf("%8.2f %s%n", bean.getValue(), bean.getKey()));
		String prefix = "steps." + this.template;
		Fork.report(prefix + ".first-response", firstResponse / STEPS_RECORDED);
		Fork.report(prefix + ".refresh", steps.refresh());
		Fork.report(prefix + ".configuration-classes", steps.configurationClasses());
		Fork.report(prefix + ".instantiation", steps.instantiation());
		Fork.report(prefix + ".beans", steps.beans());
		Fork.report(prefix + ".jit-ms-per-start",
				(ManagementFactory.getCompilationMXBean().getTotalCompilationTime() - jit) / (double) STEPS_RECORDED);
	}

	private void memory() throws Exception {
		for (int i = 0; i < BASELINE_TENANTS; i++) {
			firstRequest("s" + (i + 1));
		}
		long baseline = usedHeapAfterGc();
		Map<String, long[]> histogram = histogram();
		for (int i = BASELINE_TENANTS; i < TENANTS; i++) {
			firstRequest("s" + (i + 1));
		}
		long used = usedHeapAfterGc();
		printGrowth(histogram, histogram());
		double perTenant = (used - baseline) / 1024.0 / (TENANTS - BASELINE_TENANTS);
		System.out.printf("heap after GC: %d live tenants %.1f MiB, %d live tenants %.1f MiB%n", BASELINE_TENANTS,
				baseline / 1048576.0, TENANTS, used / 1048576.0);
		Fork.report("memory." + this.template + ".kib-per-tenant", perTenant);
	}

	// With -Dstartup.histogram=true, the classes whose instances take the most heap:
	// where a tenant's memory goes.
	private static Map<String, long[]> histogram() throws Exception {
		Map<String, long[]> histogram = new HashMap<>();
		if (!Boolean.getBoolean("startup.histogram")) {
			return histogram;
		}
		String text = (String) ManagementFactory.getPlatformMBeanServer()
			.invoke(new ObjectName("com.sun.management:type=DiagnosticCommand"), "gcClassHistogram",
					new Object[] { new String[0] }, new String[] { String[].class.getName() });
		for (String line : text.split("\n")) {
			String[] columns = line.trim().split("\\s+");
			if (columns.length >= 4 && columns[0].endsWith(":")) {
				histogram.put(columns[3], new long[] { Long.parseLong(columns[1]), Long.parseLong(columns[2]) });
			}
		}
		return histogram;
	}

	private static void printGrowth(Map<String, long[]> before, Map<String, long[]> after) {
		after.entrySet().stream().map((entry) -> {
			long[] was = before.getOrDefault(entry.getKey(), new long[2]);
			return Map.entry(entry.getKey(), new long[] { entry.getValue()[0] - was[0], entry.getValue()[1] - was[1] });
		})
			.sorted((a, b) -> Long.compare(b.getValue()[1], a.getValue()[1]))
			.limit(Integer.getInteger("startup.histogram.limit", 40))
			.forEach((entry) -> System.out.printf("%10d bytes %8d instances %s%n", entry.getValue()[1],
					entry.getValue()[0], entry.getKey()));
	}

	private double firstRequestUnchecked(String key) {
		try {
			return firstRequest(key);
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * Start a tenant with its first request, as a client would.
	 * @param key the tenant's key
	 * @return milliseconds to the response
	 * @throws Exception if the request fails or the tenant answers something else
	 */
	double firstRequest(String key) throws Exception {
		HttpRequest request = HttpRequest
			.newBuilder(URI.create("http://localhost:" + this.port + "/t/" + key + "/hello"))
			.build();
		long start = System.nanoTime();
		HttpResponse<String> response = this.client.send(request, HttpResponse.BodyHandlers.ofString());
		double millis = (System.nanoTime() - start) / 1e6;
		if (response.statusCode() != 200 || !response.body().equals("hello " + key)) {
			throw new IllegalStateException(
					"Tenant " + key + " answered " + response.statusCode() + " " + response.body());
		}
		return millis;
	}

	static long gcMillis() {
		return ManagementFactory.getGarbageCollectorMXBeans()
			.stream()
			.mapToLong(GarbageCollectorMXBean::getCollectionTime)
			.sum();
	}

	private static long processCpuNanos() {
		return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
			.getProcessCpuTime();
	}

	static long usedHeapAfterGc() throws InterruptedException {
		for (int i = 0; i < 3; i++) {
			System.gc();
			Thread.sleep(200);
		}
		return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
	}

}
