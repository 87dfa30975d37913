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

package dev.dispatch.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import dev.dispatch.benchmarks.hotpath.NoisyNeighbourBenchmark;
import dev.dispatch.benchmarks.startup.JarMountBenchmark;
import dev.dispatch.benchmarks.startup.RealisticTemplateBenchmark;
import dev.dispatch.benchmarks.startup.SeparateProcessBenchmark;
import dev.dispatch.benchmarks.startup.StartStormBenchmark;
import dev.dispatch.benchmarks.startup.StartupBenchmark;
import dev.dispatch.benchmarks.startup.StartupBenchmark.WarmTemplate;
import dev.dispatch.benchmarks.startup.TenantFootprint;
import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;

/**
 * Runs every benchmark, each in JVMs of its own, and prints their figures against the
 * project's targets in one table. Arguments pick sections: {@code route},
 * {@code startup}, {@code realistic}, {@code jar}, {@code storm}, {@code noisy},
 * {@code hotpath}, separated by spaces or commas; none runs them all.
 *
 * @author Dispatch contributors
 */
public final class Benchmarks {

	private static final List<String> SECTIONS = List.of("route", "startup", "realistic", "jar", "storm", "noisy",
			"hotpath");

	// The JIT's choices for the two variants differ from one JVM to the next more than
	// rounds differ within one (CPU ratios of 1.03 to 1.14 in single JVMs of one session)
	private static final int HOT_PATH_JVMS = 3;

	private final Map<String, Double> results = new LinkedHashMap<>();

	private final List<String> rows = new ArrayList<>();

	private Benchmarks() {
	}

	public static void main(String[] args) throws Exception {
		Set<String> sections = new HashSet<>();
		for (String arg : args) {
			sections.addAll(List.of(arg.trim().split("[\\s,]+")));
		}
		sections.remove("");
		if (sections.isEmpty()) {
			sections.addAll(SECTIONS);
		}
		Assert.isTrue(SECTIONS.containsAll(sections),
				() -> "Unknown sections in " + sections + ": pick from " + SECTIONS);
		Benchmarks benchmarks = new Benchmarks();
		long start = System.nanoTime();
		CpuTicks ticks = CpuTicks.now();
		if (sections.contains("route")) {
			benchmarks.results.putAll(RouteResolutionBenchmark.run());
			benchmarks.route();
		}
		if (sections.contains("startup")) {
			benchmarks.startup();
		}
		if (sections.contains("realistic")) {
			// Soft references are cleared at every collection: only what tenants hold
			for (String variant : List.of("unshared", "shared")) {
				benchmarks.results.putAll(Fork.run(RealisticTemplateBenchmark.class,
						List.of("-XX:SoftRefLRUPolicyMSPerMB=0"), RealisticTemplateBenchmark.classPath(), variant));
			}
			benchmarks.realistic();
		}
		if (sections.contains("jar")) {
			benchmarks.results.putAll(Fork.run(JarMountBenchmark.class, List.of(), "jar"));
			benchmarks.results
				.putAll(Fork.run(JarMountBenchmark.class, List.of(), List.of(JarMountBenchmark.CLASSES), "shared"));
			benchmarks.jar();
		}
		if (sections.contains("storm")) {
			for (String variant : List.of("limited", "unlimited")) {
				benchmarks.results.putAll(Fork.run(StartStormBenchmark.class, List.of(), variant));
			}
			benchmarks.storm();
		}
		if (sections.contains("noisy")) {
			Path java21 = java21();
			for (String limit : List.of("none", "limit")) {
				benchmarks.results.putAll(Fork.run(NoisyNeighbourBenchmark.class, List.of(), limit, "platform"));
				if (java21 != null) {
					benchmarks.results.putAll(
							Fork.run(java21, NoisyNeighbourBenchmark.class, List.of(), List.of(), limit, "virtual"));
				}
			}
			benchmarks.noisy(java21);
		}
		if (sections.contains("hotpath")) {
			List<Map<String, Double>> jvms = new ArrayList<>();
			for (int i = 0; i < HOT_PATH_JVMS; i++) {
				jvms.add(Fork.run(HotPathBenchmark.class, List.of()));
			}
			benchmarks.hotPath(jvms);
		}
		System.out.println();
		System.out.println(machine());
		System.out.println(ticks.stolenUntilNow());
		System.out.printf("All benchmarks took %.1f minutes%n%n", (System.nanoTime() - start) / 60e9);
		System.out.println("| Benchmark | Figure | Target | Met |");
		System.out.println("|---|---|---|---|");
		benchmarks.rows.forEach(System.out::println);
	}

	private void route() {
		for (String benchmark : List.of("mount", "mountMiss", "pathTenant", "subdomainTenant")) {
			for (String size : List.of("10", "1000", "10000")) {
				for (String segments : List.of("1", "5", "50")) {
					String key = "route." + benchmark + "." + size + "." + segments;
					row("Route " + benchmark + ", " + size + " entries, " + segments + " segments",
							format("%.1f ns, %.0f B/op", get(key + ".ns"), get(key + ".bytes")), "", null);
				}
			}
		}
		for (String benchmark : List.of("mount", "mountMiss")) {
			double bytes = 0;
			for (String size : List.of("10", "1000", "10000")) {
				for (String segments : List.of("1", "5", "50")) {
					bytes = Math.max(bytes, get("route." + benchmark + "." + size + "." + segments + ".bytes"));
				}
			}
			row("Route " + benchmark + ": most allocated", format("%.2f B/op", bytes), "0 B/op", bytes < 0.5);
		}
		for (String benchmark : List.of("mount", "mountMiss", "pathTenant", "subdomainTenant")) {
			double slowest = 0;
			for (String size : List.of("10", "1000", "10000")) {
				slowest = Math.max(slowest, get("route." + benchmark + "." + size + ".5.ns"));
			}
			row("Route " + benchmark + ", 5 segments, slowest of 10 to 10,000 entries", format("%.1f ns", slowest),
					"< 100 ns", slowest < 100);
		}
		for (String benchmark : List.of("mount", "mountMiss", "pathTenant", "subdomainTenant")) {
			double ratio = get("route." + benchmark + ".10000.5.ns") / get("route." + benchmark + ".10.5.ns");
			row("Route " + benchmark + ": 10,000 / 10 entries", format("%.2fx", ratio), "<= 1.2x", ratio <= 1.2);
		}
	}

	private void startup() throws IOException, InterruptedException {
		for (String template : List.of("boot", "bare")) {
			this.results.putAll(Fork.run(StartupBenchmark.class, List.of(), template, "latency"));
			// Soft references are cleared at every collection: only what tenants hold
			// counts
			this.results
				.putAll(Fork.run(StartupBenchmark.class, List.of("-XX:SoftRefLRUPolicyMSPerMB=0"), template, "memory"));
			this.results.putAll(Fork.run(TenantFootprint.class, TenantFootprint.JVM_ARGUMENTS, template));
		}
		this.results.putAll(Fork.run(StartupBenchmark.class, List.of(), "warm"));
		this.results.putAll(Fork.run(StartupBenchmark.class, List.of(), "boot", "steps"));
		this.results.putAll(Fork.run(SeparateProcessBenchmark.class, List.of()));
		for (String template : List.of("boot", "bare")) {
			for (String nth : List.of("1st", "20th", "200th")) {
				row("Start-up, " + template + " template: " + nth + " tenant's first response",
						format("%.1f ms", get("startup." + template + "." + nth)), "", null);
			}
			row("Start-up, " + template + " template: median of the 16th to 25th",
					format("%.1f ms", get("startup." + template + ".median-16-25")), "", null);
		}
		row("Start-up, boot template, tenants 301-400: first response, refresh, its configuration classes "
				+ "and bean instantiation",
				format("%.1f, %.1f, %.1f and %.1f ms (%.0f beans)", get("steps.boot.first-response"),
						get("steps.boot.refresh"), get("steps.boot.configuration-classes"),
						get("steps.boot.instantiation"), get("steps.boot.beans")),
				"", null);
		row("Start-up, boot template, tenants 301-400: JIT compilation per start",
				format("%.1f ms", get("steps.boot.jit-ms-per-start")), "", null);
		for (WarmTemplate template : WarmTemplate.values()) {
			String prefix = "startup.warm." + template.key() + ".";
			row("Start-up in a warm JVM, " + template.label() + ": 1st tenant, 20th tenant and median of the "
					+ "16th to 25th",
					format("%.1f, %.1f and %.1f ms", get(prefix + "1st"), get(prefix + "20th"),
							get(prefix + "median-16-25")),
					"", null);
		}
		double twentieth = get("startup.boot.20th");
		row("Start-up, boot template: 20th tenant, fresh JVM", format("%.1f ms", twentieth), "<= 30 ms",
				twentieth <= 30);
		double warm = get("startup.warm.boot.median-16-25");
		row("Start-up, boot template: 20th tenant, warm JVM (median of the 16th to 25th)", format("%.1f ms", warm),
				"<= 30 ms", warm <= 30);
		double process = get("startup.process.first-response");
		row("Separate process: first response",
				format("%.0f ms, %.0f MiB RSS", process, get("startup.process.rss-mib")), "", null);
		row("Separate process / boot template's 20th tenant, fresh JVM", format("%.0fx", process / twentieth),
				">= 100x", process / twentieth >= 100);
		row("Separate process / boot template's 20th tenant, warm JVM (median of the 16th to 25th)",
				format("%.0fx", process / warm), ">= 100x", process / warm >= 100);
		for (String template : List.of("boot", "bare")) {
			double kib = get("memory." + template + ".kib-per-tenant");
			boolean boot = template.equals("boot");
			row("Retained heap per live tenant, " + template + " template (200 vs 20 live)", format("%.0f KiB", kib),
					boot ? "<= 512 KiB" : "", boot ? kib <= 512 : null);
		}
		for (String template : List.of("boot", "bare")) {
			String prefix = "footprint." + template + ".";
			row("Heap of one " + template + " tenant that a second one does not share: in all; environment, "
					+ "bean definitions, merged bean definitions, condition report, DispatcherServlet and what it "
					+ "holds, rest of the bean factory",
					format("%.0f KiB; %.0f, %.0f, %.0f, %.0f, %.0f, %.0f KiB", get(prefix + "total-kib"),
							get(prefix + "environment-kib"), get(prefix + "definitions-kib"),
							get(prefix + "merged-definitions-kib"), get(prefix + "autoConfigurationReport-kib"),
							get(prefix + "dispatcherServlet-kib"), get(prefix + "rest-of-the-factory-kib")),
					"", null);
		}
		parallel("after 200 tenants", "startup.boot.parallel");
		parallel("after 1,000 tenants", "startup.boot.parallel-settled");
	}

	private void parallel(String when, String prefix) {
		double ratio = get(prefix + ".ratio");
		row("Two new tenants at once / one, " + when + " (boot template)",
				format("%.2fx (%.1f ms / %.1f ms)", ratio, get(prefix + ".two"), get(prefix + ".one")), "<= 1.3x",
				ratio <= 1.3);
		row("One new tenant alone, " + when + ": cores kept busy, JIT and GC time per start",
				format("%.2f cores, %.0f ms, %.0f ms", get(prefix + ".cores-busy-by-one"),
						get(prefix + ".jit-ms-per-one"), get(prefix + ".gc-ms-per-one")),
				"", null);
	}

	private void hotPath(List<Map<String, Double>> jvms) {
		double throughput = medianOf(jvms, "hotpath.throughput.ratio");
		double cpu = medianOf(jvms, "hotpath.cpu.ratio");
		row("Hot path: requests/s through a mount / direct, median of " + jvms.size() + " JVMs",
				format("%.3f (JVMs: %s; %.0f / %.0f)", throughput, each(jvms, "hotpath.throughput.ratio"),
						medianOf(jvms, "hotpath.mount.rps"), medianOf(jvms, "hotpath.direct.rps")),
				">= 0.97", throughput >= 0.97);
		row("Hot path: server CPU per request through a mount / direct, median of " + jvms.size() + " JVMs",
				format("%.3f (JVMs: %s; %.1f / %.1f us)", cpu, each(jvms, "hotpath.cpu.ratio"),
						medianOf(jvms, "hotpath.mount.cpu-us"), medianOf(jvms, "hotpath.direct.cpu-us")),
				"<= 1.03", cpu <= 1.03);
	}

	private static double medianOf(List<Map<String, Double>> jvms, String name) {
		return Statistics.median(jvms.stream().mapToDouble((jvm) -> jvm.getOrDefault(name, Double.NaN)).toArray());
	}

	private static String each(List<Map<String, Double>> jvms, String name) {
		return jvms.stream()
			.map((jvm) -> format("%.3f", jvm.getOrDefault(name, Double.NaN)))
			.collect(Collectors.joining(", "));
	}

	private void jar() {
		for (String what : List.of("mount", "second-tenant")) {
			String label = what.equals("mount") ? "first jar mount" : "second tenant of a jar group";
			double jar = get("jar.jar." + what + "-first-response-ms");
			double shared = get("jar.shared." + what + "-first-response-ms");
			row("Jar mount: " + label + ", first response, against the same application on the shared class path",
					format("%.0f ms / %.0f ms (%.1fx)", jar, shared, jar / shared), "", null);
			row("Jar mount: " + label + ", heap after GC and metaspace it adds, against the shared class path",
					format("%.1f and %.1f MiB / %.1f and %.1f MiB", get("jar.jar." + what + "-heap-kib") / 1024,
							get("jar.jar." + what + "-metaspace-kib") / 1024,
							get("jar.shared." + what + "-heap-kib") / 1024,
							get("jar.shared." + what + "-metaspace-kib") / 1024),
					"", null);
		}
	}

	private void realistic() {
		double warm = get("realistic.shared.settled-median-ms");
		double heap = get("realistic.shared.heap-per-tenant-kib") / 1024;
		row("Realistic template (JPA on H2, Thymeleaf, validation, Caffeine cache), each tenant's Thymeleaf parsers "
				+ "its own -> shared: 1st, 20th and 200th tenant's first response and median of the 16th to 25th in a "
				+ "fresh JVM; median of the 201st to 225th (the JVM warm), with the refresh, the beans' own "
				+ "instantiation in it, and GC and JIT time per start beside it; heap after GC per live tenant "
				+ "(200 vs 20 live)", realistic("unshared") + " -> " + realistic("shared"), "warm <= 300 ms; <= 3 MiB",
				warm <= 300 && heap <= 3);
	}

	private String realistic(String variant) {
		String prefix = "realistic." + variant + ".";
		return format(
				"%.0f, %.0f, %.0f and %.0f ms; %.0f ms (refresh %.0f ms, beans %.0f ms, GC %.0f ms, JIT %.0f ms); "
						+ "%.2f MiB",
				get(prefix + "1st-ms"), get(prefix + "20th-ms"), get(prefix + "200th-ms"),
				get(prefix + "16th-25th-median-ms"), get(prefix + "settled-median-ms"),
				get(prefix + "settled-refresh-ms"), get(prefix + "settled-instantiation-ms"),
				get(prefix + "settled-gc-ms-per-start"), get(prefix + "settled-jit-ms-per-start"),
				get(prefix + "heap-per-tenant-kib") / 1024);
	}

	private void storm() {
		double limited = get("storm.limited.all-answered-ms");
		double unlimited = get("storm.unlimited.all-answered-ms");
		int processors = Runtime.getRuntime().availableProcessors();
		double most = get("storm.limited.most-starting");
		double errors = get("storm.limited.errors") + get("storm.unlimited.errors");
		row("Start storm, 500 tenants' first requests at once, starts in line (all at once): until every tenant "
				+ "answered; most starting at once; other answers than 200 or 503 with Retry-After; designed 503s; "
				+ "heap after GC",
				format("%.1f s (%.1f s, %.2fx); %.0f (%.0f); %.0f; %.0f (%.0f); %.0f MiB (%.0f MiB)", limited / 1000,
						unlimited / 1000, limited / unlimited, most, get("storm.unlimited.most-starting"), errors,
						get("storm.limited.designed-503"), get("storm.unlimited.designed-503"),
						get("storm.limited.heap-after-gc-mib"), get("storm.unlimited.heap-after-gc-mib")),
				"at most " + processors + " at once; 0 other answers", most <= processors && errors == 0);
	}

	private void noisy(@Nullable Path java21) {
		List<String> threads = (java21 != null) ? List.of("platform", "virtual") : List.of("platform");
		StringBuilder figure = new StringBuilder();
		boolean met = true;
		for (String thread : threads) {
			for (String limit : List.of("none", "limit")) {
				String prefix = "noisy." + limit + "." + thread + ".";
				double p50 = get(prefix + "flood-p50-ms") / get(prefix + "quiet-p50-ms");
				double p99 = get(prefix + "flood-p99-ms") / get(prefix + "quiet-p99-ms");
				if (limit.equals("limit")) {
					met &= p99 <= 2;
				}
				figure.append((figure.length() > 0) ? "; " : "")
					.append(format("%s threads, %s: %.2fx, %.2fx (%.1f / %.1f ms), %.0f failed, %.0f turned away",
							thread, limit.equals("limit") ? "limit 20" : "no limit", p50, p99,
							get(prefix + "flood-p99-ms"), get(prefix + "quiet-p99-ms"), get(prefix + "failed"),
							get(prefix + "turned-away")));
			}
		}
		if (java21 == null) {
			figure.append("; virtual threads: no Java 21 or later found");
		}
		row("Noisy neighbour: one tenant flooded with 200 concurrent 1 s requests, the others' p50 and p99 during "
				+ "the flood / quiet (p99 during / quiet)", figure.toString(), "p99 <= 2x with the limit", met);
	}

	// Virtual threads need Java 21: this JVM, or the newest installation beside it
	private static @Nullable Path java21() throws IOException {
		if (Runtime.version().feature() >= 21) {
			return Path.of(System.getProperty("java.home"));
		}
		Path installations = Path.of(System.getProperty("java.home")).getParent();
		if (installations == null || !Files.isDirectory(installations)) {
			return null;
		}
		try (Stream<Path> homes = Files.list(installations)) {
			return homes.filter((home) -> javaVersion(home) >= 21)
				.max(Comparator.comparingInt(Benchmarks::javaVersion))
				.orElse(null);
		}
	}

	private static int javaVersion(Path home) {
		Path release = home.resolve("release");
		try {
			for (String line : Files.readAllLines(release)) {
				if (line.startsWith("JAVA_VERSION=")) {
					String version = line.substring("JAVA_VERSION=".length()).replace("\"", "");
					return Integer.parseInt(version.split("[.+-]")[0]);
				}
			}
		}
		catch (IOException | RuntimeException ex) {
			// Not a Java installation
		}
		return 0;
	}

	private double get(String name) {
		Double value = this.results.get(name);
		return (value != null) ? value : Double.NaN;
	}

	private void row(String benchmark, String figure, String target, Boolean met) {
		String verdict = (met != null) ? (met ? "yes" : "**no**") : "";
		String row = "| " + benchmark + " | " + figure + " | " + target + " | " + verdict + " |";
		this.rows.add(row);
		System.out.println(row);
	}

	private static String format(String format, Object... arguments) {
		return String.format(Locale.ROOT, format, arguments);
	}

	private static String machine() throws IOException {
		String cpu = "unknown CPU";
		Path cpuinfo = Path.of("/proc/cpuinfo");
		if (Files.isReadable(cpuinfo)) {
			cpu = Files.readAllLines(cpuinfo)
				.stream()
				.filter((line) -> line.startsWith("model name"))
				.map((line) -> line.substring(line.indexOf(':') + 1).trim())
				.findFirst()
				.orElse(cpu);
		}
		return format("%s, %d cores, %.0f GiB max heap per JVM by default, Java %s (%s), %s %s", cpu,
				Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().maxMemory() / 1073741824.0,
				System.getProperty("java.version"), System.getProperty("java.vm.name"), System.getProperty("os.name"),
				System.getProperty("os.version"));
	}

	/**
	 * The machine's CPU time so far, from Linux's {@code /proc/stat}: on a virtual
	 * machine, the time that the hypervisor gave other guests while this one had work
	 * ("steal") says how far its neighbours disturbed a run.
	 */
	private record CpuTicks(long steal, long total) {

		private static final Path STAT = Path.of("/proc/stat");

		static CpuTicks now() throws IOException {
			if (!Files.isReadable(STAT)) {
				return new CpuTicks(0, 0);
			}
			// cpu user nice system idle iowait irq softirq steal ...
			String[] fields = Files.readAllLines(STAT).get(0).trim().split("\\s+");
			long total = 0;
			for (int i = 1; i <= 8 && i < fields.length; i++) {
				total += Long.parseLong(fields[i]);
			}
			return new CpuTicks((fields.length > 8) ? Long.parseLong(fields[8]) : 0, total);
		}

		String stolenUntilNow() throws IOException {
			CpuTicks now = now();
			long total = now.total - this.total;
			return (total > 0) ? format("CPU time stolen by the hypervisor during the run: %.1f%% of the cores' time",
					100.0 * (now.steal - this.steal) / total) : "CPU time stolen by the hypervisor: unknown";
		}

	}

}
