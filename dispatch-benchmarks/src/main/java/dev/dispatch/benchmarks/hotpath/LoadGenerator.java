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

import java.io.IOException;
import java.lang.management.CompilationMXBean;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.BrokenBarrierException;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import com.sun.management.OperatingSystemMXBean;

/**
 * Closed-loop load on loopback from threads of this JVM: each client thread has one
 * keep-alive connection and sends its next request as soon as the previous response is
 * read. Rounds are separated by barriers, so that every request of a round is for that
 * round's target and each round's counts and CPU times are exact: the clients are idle
 * while the figures are read.
 * <p>
 * The server's CPU time is the process's minus the client threads': it includes the
 * container's threads, GC and JIT compilation.
 *
 * @author Dispatch contributors
 */
public final class LoadGenerator implements AutoCloseable {

	private static final long BARRIER_TIMEOUT_SECONDS = 60;

	private final int port;

	private final Client[] clients;

	private final CyclicBarrier start;

	private final CyclicBarrier end;

	private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();

	private final CompilationMXBean compilation = ManagementFactory.getCompilationMXBean();

	private final OperatingSystemMXBean os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

	private final AtomicReference<String> firstError = new AtomicReference<>();

	private final AtomicLong errors = new AtomicLong();

	private final AtomicLong reconnects = new AtomicLong();

	private volatile Target target;

	private volatile boolean stop;

	private volatile boolean shutdown;

	/**
	 * Start the client threads, idle until the first round.
	 * @param port the server's port on loopback
	 * @param connections the number of client threads, each with its own connection
	 */
	public LoadGenerator(int port, int connections) {
		if (!this.threads.isThreadCpuTimeSupported()) {
			throw new IllegalStateException("Thread CPU time is not supported by this JVM");
		}
		this.threads.setThreadCpuTimeEnabled(true);
		this.port = port;
		this.clients = new Client[connections];
		this.start = new CyclicBarrier(connections + 1);
		this.end = new CyclicBarrier(connections + 1);
		for (int i = 0; i < connections; i++) {
			this.clients[i] = new Client(i);
		}
		for (Client client : this.clients) {
			client.start();
		}
	}

	/**
	 * Run one round: every client sends requests for the target as fast as it can for the
	 * given time.
	 * @param target what to request, and what every response must be
	 * @param duration how long to send requests
	 * @return the round's figures
	 * @throws InterruptedException if interrupted
	 */
	public Round run(Target target, Duration duration) throws InterruptedException {
		this.target = target;
		this.stop = false;
		long errorsBefore = this.errors.get();
		long reconnectsBefore = this.reconnects.get();
		long[] requestsBefore = requests();
		long clientCpuBefore = clientCpuTime();
		long processCpuBefore = this.os.getProcessCpuTime();
		long[] gcBefore = gc();
		long jitBefore = jitMillis();
		long startNanos = System.nanoTime();
		await(this.start);
		Thread.sleep(duration.toMillis());
		this.stop = true;
		await(this.end);
		long elapsed = System.nanoTime() - startNanos;
		long processCpu = this.os.getProcessCpuTime() - processCpuBefore;
		long clientCpu = clientCpuTime() - clientCpuBefore;
		long[] gcAfter = gc();
		long jit = jitMillis() - jitBefore;
		long[] requestsAfter = requests();
		long requests = 0;
		for (int i = 0; i < requestsAfter.length; i++) {
			requests += requestsAfter[i] - requestsBefore[i];
		}
		return new Round(target, requests, elapsed, processCpu - clientCpu, clientCpu, this.errors.get() - errorsBefore,
				this.reconnects.get() - reconnectsBefore, gcAfter[0] - gcBefore[0], gcAfter[1] - gcBefore[1], jit);
	}

	/**
	 * The first error that a client met, if any.
	 * @return a description of the error, or {@code null}
	 */
	public String firstError() {
		return this.firstError.get();
	}

	@Override
	public void close() {
		this.shutdown = true;
		this.stop = true;
		try {
			// Release the clients waiting for the next round; they see the shutdown
			this.start.await(5, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		catch (BrokenBarrierException | TimeoutException ex) {
			// The clients are daemon threads, left to the JVM's exit
		}
	}

	private long[] requests() {
		long[] counts = new long[this.clients.length];
		for (int i = 0; i < counts.length; i++) {
			counts[i] = this.clients[i].completed;
		}
		return counts;
	}

	private long clientCpuTime() {
		long total = 0;
		for (Client client : this.clients) {
			long cpu = this.threads.getThreadCpuTime(client.getId());
			if (cpu < 0) {
				throw new IllegalStateException("No CPU time for client thread " + client.getName());
			}
			total += cpu;
		}
		return total;
	}

	private long jitMillis() {
		return (this.compilation != null && this.compilation.isCompilationTimeMonitoringSupported())
				? this.compilation.getTotalCompilationTime() : 0;
	}

	private static long[] gc() {
		long count = 0;
		long time = 0;
		for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
			count += Math.max(0, gc.getCollectionCount());
			time += Math.max(0, gc.getCollectionTime());
		}
		return new long[] { count, time };
	}

	private static void await(CyclicBarrier barrier) throws InterruptedException {
		try {
			barrier.await(BARRIER_TIMEOUT_SECONDS, TimeUnit.SECONDS);
		}
		catch (BrokenBarrierException | TimeoutException ex) {
			throw new IllegalStateException("Clients did not reach the barrier", ex);
		}
	}

	private void error(String message) {
		this.errors.incrementAndGet();
		this.firstError.compareAndSet(null, message);
	}

	/**
	 * What a round requests, and what every response must be.
	 *
	 * @param name the variant's name
	 * @param path the request target
	 * @param request the request's bytes
	 * @param expectedBody the expected response body
	 */
	public record Target(String name, String path, byte[] request, byte[] expectedBody) {

		/**
		 * A {@code GET} of a path, answered with status 200 and the given body.
		 * @param name the variant's name
		 * @param path the request target
		 * @param expectedBody the expected body
		 * @return the target
		 */
		public static Target get(String name, String path, String expectedBody) {
			return new Target(name, path, HttpConnection.get(path), expectedBody.getBytes(StandardCharsets.UTF_8));
		}

	}

	/**
	 * The figures of one round.
	 *
	 * @param target what was requested
	 * @param requests the number of completed requests
	 * @param elapsedNanos how long the round took
	 * @param serverCpuNanos the process's CPU time minus the clients'
	 * @param clientCpuNanos the client threads' CPU time
	 * @param errors the number of failed requests
	 * @param reconnects how often clients had to open a new connection
	 * @param gcCount the number of garbage collections
	 * @param gcMillis the time spent in garbage collections
	 * @param jitMillis the time spent by JIT compilers (summed over compiler threads)
	 */
	public record Round(Target target, long requests, long elapsedNanos, long serverCpuNanos, long clientCpuNanos,
			long errors, long reconnects, long gcCount, long gcMillis, long jitMillis) {

		public double requestsPerSecond() {
			return this.requests / (this.elapsedNanos / 1e9);
		}

		public double serverCpuMicrosPerRequest() {
			return (this.requests != 0) ? this.serverCpuNanos / 1e3 / this.requests : Double.NaN;
		}

		public double clientCpuMicrosPerRequest() {
			return (this.requests != 0) ? this.clientCpuNanos / 1e3 / this.requests : Double.NaN;
		}

	}

	private final class Client extends Thread {

		private HttpConnection connection;

		/** Written by this thread only, read between rounds. */
		private volatile long completed;

		Client(int index) {
			super("hotpath-client-" + index);
			setDaemon(true);
		}

		@Override
		public void run() {
			try {
				while (true) {
					LoadGenerator.this.start.await();
					if (LoadGenerator.this.shutdown) {
						return;
					}
					Target target = LoadGenerator.this.target;
					long count = this.completed;
					while (!LoadGenerator.this.stop) {
						if (exchange(target)) {
							this.completed = ++count;
						}
					}
					LoadGenerator.this.end.await();
				}
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			catch (BrokenBarrierException ex) {
				// The benchmark gave up
			}
			finally {
				disconnect();
			}
		}

		// Send one request; return whether it succeeded as expected.
		private boolean exchange(Target target) {
			try {
				if (this.connection == null) {
					this.connection = new HttpConnection(LoadGenerator.this.port);
				}
				HttpConnection connection = this.connection;
				connection.exchange(target.request());
				if (connection.isCloseRequested()) {
					LoadGenerator.this.reconnects.incrementAndGet();
					disconnect();
				}
				if (!connection.isOk() || !connection.bodyEquals(target.expectedBody())) {
					error(target.path() + ": " + connection.head() + "\n\n" + connection.body());
					return false;
				}
				return true;
			}
			catch (IOException | RuntimeException ex) {
				error(target.path() + ": " + ex);
				disconnect();
				return false;
			}
		}

		void disconnect() {
			HttpConnection connection = this.connection;
			this.connection = null;
			if (connection != null) {
				try {
					connection.close();
				}
				catch (IOException ex) {
					// Nothing to do
				}
			}
		}

	}

}
