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
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import dev.dispatch.benchmarks.hotpath.HotPathApplications;
import dev.dispatch.benchmarks.hotpath.HotPathApplications.HotPathApplication;
import dev.dispatch.benchmarks.hotpath.HttpConnection;
import dev.dispatch.benchmarks.hotpath.LoadGenerator;
import dev.dispatch.benchmarks.hotpath.LoadGenerator.Round;
import dev.dispatch.benchmarks.hotpath.LoadGenerator.Target;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The cost of dispatching on the hot path: the same trivial endpoint ({@code GET /hello},
 * {@code text/plain} {@code hello}) served by the default application directly and by a
 * mounted application under {@code /m}, in alternating rounds on the real embedded
 * Tomcat, with a closed-loop load generator on loopback in this JVM.
 * <p>
 * System properties: {@code hotpath.connections} (client threads, each with its own
 * keep-alive connection, default 8), {@code hotpath.warmup} (seconds of warm-up per
 * variant, default 8), {@code hotpath.rounds} (measured rounds per variant, default 8),
 * {@code hotpath.round} (seconds per round, default 2). Seconds may be fractional. The
 * warm-up alternates the variants too, in slices of about a round.
 * <p>
 * Reports {@code hotpath.direct.rps}, {@code hotpath.mount.rps} (requests per second over
 * all rounds of the variant), {@code hotpath.direct.cpu-us}, {@code hotpath.mount.cpu-us}
 * (server CPU microseconds per request: the process's CPU time minus the client threads',
 * so container threads, GC and JIT included), {@code hotpath.throughput.ratio} (mount rps
 * / direct rps) and {@code hotpath.cpu.ratio} (mount CPU per request / direct CPU per
 * request). Any failed request fails the benchmark.
 *
 * @author Dispatch contributors
 */
public final class HotPathBenchmark {

	static final String MOUNT_PATH = "/m";

	private HotPathBenchmark() {
	}

	public static void main(String[] args) {
		int status;
		ConfigurableApplicationContext context = null;
		try {
			int connections = Integer.getInteger("hotpath.connections", 8);
			// Short, because the figures differ more from one JVM to the next than from
			// one round to the next: the benchmarks run it in several JVMs
			Duration warmup = seconds("hotpath.warmup", 8);
			int rounds = Integer.getInteger("hotpath.rounds", 8);
			Duration round = seconds("hotpath.round", 2);
			if (connections < 1 || rounds < 1 || round.isZero()) {
				throw new IllegalArgumentException("hotpath.connections, hotpath.rounds and hotpath.round must be > 0");
			}
			context = start(args);
			int port = ((WebServerApplicationContext) context).getWebServer().getPort();
			System.out.printf(Locale.ROOT,
					"Hot path on port %d: %d connection(s), warm-up %s per variant, %d round(s) of %s per variant, "
							+ "%d processor(s)%n",
					port, connections, warmup, rounds, round, Runtime.getRuntime().availableProcessors());
			checkRouting(port, true);
			Target direct = Target.get("direct", "/hello", HotPathApplications.HELLO);
			Target mount = Target.get("mount", MOUNT_PATH + "/hello", HotPathApplications.HELLO);
			try (LoadGenerator load = new LoadGenerator(port, connections)) {
				// Warm up both variants in alternating slices, as they are measured: the
				// JIT's profiles of the code that they share then see both before the
				// first round
				long slices = Math.max(1, Math.round((double) warmup.toMillis() / round.toMillis()));
				Duration slice = warmup.dividedBy(slices);
				for (long i = 1; i <= slices && !slice.isZero(); i++) {
					String label = "warm-up " + i + "/" + slices;
					print(label, load, load.run(direct, slice));
					print(label, load, load.run(mount, slice));
				}
				Totals directTotals = new Totals();
				Totals mountTotals = new Totals();
				double[] throughputRatios = new double[rounds];
				double[] cpuRatios = new double[rounds];
				for (int i = 1; i <= rounds; i++) {
					String label = "round " + i + "/" + rounds;
					Round directRound = print(label, load, load.run(direct, round));
					Round mountRound = print(label, load, load.run(mount, round));
					directTotals.add(directRound);
					mountTotals.add(mountRound);
					// A virtual machine's speed drifts over a run: compare neighbours
					throughputRatios[i - 1] = mountRound.requestsPerSecond() / directRound.requestsPerSecond();
					cpuRatios[i - 1] = ((double) mountRound.serverCpuNanos() / mountRound.requests())
							/ ((double) directRound.serverCpuNanos() / directRound.requests());
				}
				report(directTotals, mountTotals, Statistics.median(throughputRatios), Statistics.median(cpuRatios));
			}
			checkRouting(port, false);
			status = 0;
		}
		catch (Throwable ex) {
			System.out.flush();
			System.err.println("Hot path benchmark failed: " + ex);
			ex.printStackTrace();
			status = 1;
		}
		if (context != null) {
			try {
				context.close();
			}
			catch (RuntimeException ex) {
				System.err.println("Closing the application failed: " + ex);
				status = 1;
			}
		}
		System.out.flush();
		System.exit(status);
	}

	private static ConfigurableApplicationContext start(String[] args) {
		Map<String, Object> properties = new LinkedHashMap<>();
		properties.put("server.port", "0");
		properties.put("spring.main.banner-mode", "off");
		properties.put("logging.level.root", "warn");
		// Keep each client's connection for the whole run: Tomcat closes a keep-alive
		// connection after 100 requests by default
		properties.put("server.tomcat.max-keep-alive-requests", "-1");
		properties.put("dispatch.mounts.m.path", MOUNT_PATH);
		properties.put("dispatch.mounts.m.sources", HotPathApplication.class.getName());
		properties.put(HotPathApplications.WHICH_PROPERTY, HotPathApplications.DEFAULT);
		properties.put("dispatch.mounts.m.properties." + HotPathApplications.WHICH_PROPERTY, HotPathApplications.MOUNT);
		properties.put("dispatch.mounts.m.eager", "true");
		SpringApplication application = new SpringApplication(HotPathApplication.class);
		application.setDefaultProperties(properties);
		return application.run(args);
	}

	// Check that the default application answers /which and /hello, and that the mounted
	// one answers /m/which and /m/hello: the mounted variant really goes through the
	// mount.
	private static void checkRouting(int port, boolean verbose) throws IOException {
		try (HttpConnection connection = new HttpConnection(port)) {
			expect(connection, "/which", HotPathApplications.DEFAULT, verbose);
			expect(connection, MOUNT_PATH + "/which", HotPathApplications.MOUNT, verbose);
			expect(connection, "/hello", HotPathApplications.HELLO, verbose);
			expect(connection, MOUNT_PATH + "/hello", HotPathApplications.HELLO, verbose);
		}
	}

	private static void expect(HttpConnection connection, String target, String body, boolean verbose)
			throws IOException {
		connection.exchange(HttpConnection.get(target));
		if (!connection.isOk() || !connection.body().equals(body)) {
			throw new IllegalStateException("GET " + target + ": expected 200 '" + body + "', got\n" + connection.head()
					+ "\n\n" + connection.body());
		}
		if (connection.isCloseRequested()) {
			throw new IllegalStateException("GET " + target + ": the server closed the connection");
		}
		if (verbose) {
			System.out.printf("GET %-9s -> %s | %s%n", target, connection.head().replace("\r\n", " | "),
					connection.body());
		}
	}

	private static Round print(String label, LoadGenerator load, Round round) {
		System.out.printf(Locale.ROOT,
				"%-14s %-6s %-9s %9d requests in %6.2f s = %9.1f req/s, server cpu %7.2f us/req, "
						+ "clients %6.2f us/req, gc %d (%d ms), jit %d ms, reconnects %d, errors %d%n",
				label, round.target().name(), round.target().path(), round.requests(), round.elapsedNanos() / 1e9,
				round.requestsPerSecond(), round.serverCpuMicrosPerRequest(), round.clientCpuMicrosPerRequest(),
				round.gcCount(), round.gcMillis(), round.jitMillis(), round.reconnects(), round.errors());
		if (round.errors() != 0) {
			throw new IllegalStateException(round.errors() + " failed request(s) in " + label + " "
					+ round.target().name() + "; first: " + load.firstError());
		}
		if (round.requests() == 0) {
			throw new IllegalStateException("No request completed in " + label + " " + round.target().name());
		}
		return round;
	}

	private static void report(Totals direct, Totals mount, double throughputRatio, double cpuRatio) {
		System.out.printf(Locale.ROOT,
				"direct: %.1f req/s, %.2f us server cpu/req; mount: %.1f req/s, %.2f us server cpu/req; "
						+ "median of the rounds' ratios: throughput %.3f, cpu %.3f%n",
				direct.requestsPerSecond(), direct.cpuMicrosPerRequest(), mount.requestsPerSecond(),
				mount.cpuMicrosPerRequest(), throughputRatio, cpuRatio);
		Fork.report("hotpath.direct.rps", direct.requestsPerSecond());
		Fork.report("hotpath.mount.rps", mount.requestsPerSecond());
		Fork.report("hotpath.direct.cpu-us", direct.cpuMicrosPerRequest());
		Fork.report("hotpath.mount.cpu-us", mount.cpuMicrosPerRequest());
		Fork.report("hotpath.throughput.ratio", throughputRatio);
		Fork.report("hotpath.cpu.ratio", cpuRatio);
	}

	private static Duration seconds(String property, double defaultSeconds) {
		String value = System.getProperty(property);
		double seconds = (value != null) ? Double.parseDouble(value.trim()) : defaultSeconds;
		if (seconds < 0 || Double.isNaN(seconds)) {
			throw new IllegalArgumentException(property + " must be >= 0: " + value);
		}
		return Duration.ofMillis(Math.round(seconds * 1000));
	}

	/**
	 * The sums of a variant's measured rounds.
	 */
	private static final class Totals {

		private long requests;

		private long elapsedNanos;

		private long serverCpuNanos;

		void add(Round round) {
			this.requests += round.requests();
			this.elapsedNanos += round.elapsedNanos();
			this.serverCpuNanos += round.serverCpuNanos();
		}

		double requestsPerSecond() {
			return this.requests / (this.elapsedNanos / 1e9);
		}

		double cpuMicrosPerRequest() {
			return this.serverCpuNanos / 1e3 / this.requests;
		}

	}

}
