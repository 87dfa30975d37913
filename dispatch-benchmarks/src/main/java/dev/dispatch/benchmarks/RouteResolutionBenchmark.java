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

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

import dev.dispatch.web.MountMatcher;
import dev.dispatch.web.TenantKeys;
import org.jspecify.annotations.Nullable;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.profile.GCProfiler;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * What {@link DispatchFilter} spends on each request to decide where it goes, before any
 * application sees it: the mount lookup that every request pays, and the key extraction
 * and map lookup of a path or subdomain tenant that is running already. Routing is on the
 * hot path of every request to every application, the default one included, so it must
 * neither grow with the number of mounts or tenants nor allocate more than the tenant's
 * key.
 * <p>
 * Each benchmark cycles through {@value #PATHS} precomputed requests for random mounts or
 * tenants, so that one warm table slot and one predicted branch do not stand for all of
 * them. {@code segments} is the number of segments of the request path; the subdomain
 * lookup does not read the path, so its figures should not depend on it.
 *
 * @author Dispatch contributors
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class RouteResolutionBenchmark {

	// A power of two, so that the next request is picked with a mask rather than a
	// division or a branch; and too many for a branch predictor to learn their order
	private static final int PATHS = 1024;

	private static final int MASK = PATHS - 1;

	private static final String DOMAIN = "example.com";

	// The default: path tenants are the first segment of the path
	private static final String PREFIX = "";

	// Path segments after the mount or tenant, as an application's own paths have them
	private static final String[] WORDS = { "api", "v1", "orders", "12345", "items", "edit", "static", "css",
			"site.css", "users", "me", "settings" };

	/**
	 * The number of mounts.
	 */
	@Param({ "10", "1000", "10000" })
	public int size;

	/**
	 * The number of segments of the request path.
	 */
	@Param({ "1", "5", "50" })
	public int segments;

	private MountMatcher<Object> mounts;

	private Map<String, Object> tenants;

	private String[] mountPaths;

	private String[] tenantPaths;

	private String[] hosts;

	private int next;

	@Setup
	public void setUp() {
		// Seeded, so that every run and every fork measures the same requests
		Random random = new Random(42);
		Map<String, Object> mounts = new LinkedHashMap<>();
		for (int i = 0; i < this.size; i++) {
			// Mostly one segment, some under a team's segment, as mounts of several
			// applications per team would be. Names of one width for every size, so that
			// sizes differ in the number of mounts, not in their length
			mounts.put((i % 4 == 3) ? "/team" + id(i) + "/app" : "/app" + id(i), new Object());
		}
		this.mounts = new MountMatcher<>(mounts);
		// As TenantGroup keeps its starting and running tenants
		this.tenants = new ConcurrentHashMap<>();
		List<String> keys = new ArrayList<>(this.size);
		for (int i = 0; i < this.size; i++) {
			String key = "tenant" + id(i);
			keys.add(key);
			this.tenants.put(key, new Object());
		}
		// A one-segment request cannot reach a two-segment mount
		List<String> reachable = mounts.keySet().stream().filter((path) -> segments(path) <= this.segments).toList();
		this.mountPaths = new String[PATHS];
		this.tenantPaths = new String[PATHS];
		this.hosts = new String[PATHS];
		for (int i = 0; i < PATHS; i++) {
			this.mountPaths[i] = path(reachable.get(random.nextInt(reachable.size())), random);
			String key = keys.get(random.nextInt(keys.size()));
			this.tenantPaths[i] = path(PREFIX + "/" + key, random);
			this.hosts[i] = key + "." + DOMAIN;
		}
		check();
	}

	private static String id(int i) {
		return String.format("%05d", i);
	}

	private String path(String start, Random random) {
		StringBuilder path = new StringBuilder(start);
		for (int i = segments(start); i < this.segments; i++) {
			path.append('/').append(WORDS[random.nextInt(WORDS.length)]);
		}
		return path.toString();
	}

	private static int segments(String path) {
		return (int) path.chars().filter((c) -> c == '/').count();
	}

	// A benchmark that measures a miss where it means a hit measures nothing useful
	private void check() {
		for (int i = 0; i < PATHS; i++) {
			if (this.mounts.match(this.mountPaths[i]) == null || this.mounts.match(this.tenantPaths[i]) != null
					|| pathTenant(this.tenantPaths[i]) == null || subdomainTenant(this.hosts[i]) == null) {
				throw new IllegalStateException("Request " + i + " is not routed as intended");
			}
		}
	}

	/**
	 * A request for a mount: the longest mount path that the request path starts with.
	 * @return the mount
	 */
	@Benchmark
	public @Nullable Object mount() {
		return this.mounts.match(this.mountPaths[this.next++ & MASK]);
	}

	/**
	 * A request for no mount, which every request to a path tenant or to the default
	 * application pays before anything else is looked up.
	 * @return {@code null}
	 */
	@Benchmark
	public @Nullable Object mountMiss() {
		return this.mounts.match(this.tenantPaths[this.next++ & MASK]);
	}

	/**
	 * A request for a running path tenant, after its mount miss: the key from the path,
	 * its check, and the map lookup that {@link TenantGroup#find(String)} starts with.
	 * @return the tenant
	 */
	@Benchmark
	public @Nullable Object pathTenant() {
		return pathTenant(this.tenantPaths[this.next++ & MASK]);
	}

	private @Nullable Object pathTenant(String path) {
		String key = TenantKeys.pathKeyOf(path, PREFIX);
		return (key != null) ? this.tenants.get(key) : null;
	}

	/**
	 * A request for a running subdomain tenant: the key from the host, its check, and the
	 * map lookup. The path is not read, so {@code segments} does not matter.
	 * @return the tenant
	 */
	@Benchmark
	public @Nullable Object subdomainTenant() {
		return subdomainTenant(this.hosts[this.next++ & MASK]);
	}

	private @Nullable Object subdomainTenant(String host) {
		String key = TenantKeys.subdomainKeyOf(host, DOMAIN);
		return (key != null && !key.isEmpty()) ? this.tenants.get(key) : null;
	}

	/**
	 * Run every benchmark of this class with JMH's allocation profiler: paths of 1 and 50
	 * segments in one JVM each, paths of 5 segments, which the targets compare across
	 * sizes, in {@code route.forks} JVMs each (3 by default), because the JIT's choices
	 * and the heap's layout differ from one JVM to the next more than iterations differ
	 * within one. The system properties {@code route.warmup} and
	 * {@code route.measurement} (iterations, 3 and 5 by default, at most 2 and 3 for 1
	 * and 50 segments) and {@code route.time} (seconds per iteration, 1 by default)
	 * shorten a run that only checks that the benchmarks work.
	 * @return {@code route.<benchmark>.<size>.<segments>.ns} (average time, ns/op) and
	 * {@code route.<benchmark>.<size>.<segments>.bytes} (allocated bytes/op) for every
	 * benchmark and parameters
	 */
	public static Map<String, Double> run() {
		Map<String, Double> figures = new LinkedHashMap<>();
		int warmup = Integer.getInteger("route.warmup", 3);
		int measurement = Integer.getInteger("route.measurement", 5);
		// Fewer iterations for the lengths that no target compares, so that the whole
		// suite stays well inside its 15 minutes
		run(figures, 1, Math.min(warmup, 2), Math.min(measurement, 3), "1", "50");
		run(figures, Integer.getInteger("route.forks", 3), warmup, measurement, "5");
		return figures;
	}

	private static void run(Map<String, Double> figures, int forks, int warmup, int measurement, String... segments) {
		TimeValue time = TimeValue.seconds(Integer.getInteger("route.time", 1));
		OptionsBuilder options = new OptionsBuilder();
		options.include("^" + Pattern.quote(RouteResolutionBenchmark.class.getName() + ".") + "\\w+$")
			.param("segments", segments)
			.addProfiler(GCProfiler.class)
			.forks(forks)
			.warmupIterations(warmup)
			.warmupTime(time)
			.measurementIterations(measurement)
			.measurementTime(time)
			.shouldFailOnError(true);
		try {
			for (RunResult result : new Runner(options.build()).run()) {
				String benchmark = result.getParams().getBenchmark();
				String name = "route." + benchmark.substring(benchmark.lastIndexOf('.') + 1) + "."
						+ result.getParams().getParam("size") + "." + result.getParams().getParam("segments");
				figures.put(name + ".ns", result.getPrimaryResult().getScore());
				Result<?> allocated = result.getSecondaryResults().get("gc.alloc.rate.norm");
				if (allocated != null) {
					figures.put(name + ".bytes", allocated.getScore());
				}
			}
		}
		catch (RunnerException ex) {
			throw new IllegalStateException("Route resolution benchmarks failed", ex);
		}
	}

}
