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
import java.net.ConnectException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import dev.dispatch.benchmarks.Fork;

/**
 * Times a {@link SeparateProcess} from its launch to its first response, and reads its
 * resident memory then: what one process per application behind a proxy would cost.
 *
 * @author Dispatch contributors
 */
public final class SeparateProcessBenchmark {

	private static final int RUNS = 3;

	private SeparateProcessBenchmark() {
	}

	public static void main(String[] args) throws Exception {
		double[] millis = new double[RUNS];
		double[] rss = new double[RUNS];
		for (int run = 0; run < RUNS; run++) {
			int port = freePort();
			List<String> command = new ArrayList<>(List.of(
					Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
					System.getProperty("java.class.path"), SeparateProcess.class.getName(), Integer.toString(port)));
			long start = System.nanoTime();
			Process process = new ProcessBuilder(command).inheritIO().start();
			try {
				awaitFirstResponse(port, process);
				millis[run] = (System.nanoTime() - start) / 1e6;
				rss[run] = residentMebibytes(process.pid());
				System.out.printf("separate process: first response after %.0f ms, %.0f MiB resident%n", millis[run],
						rss[run]);
			}
			finally {
				process.destroy();
				process.waitFor();
			}
		}
		Arrays.sort(millis);
		Arrays.sort(rss);
		Fork.report("startup.process.first-response", millis[RUNS / 2]);
		Fork.report("startup.process.rss-mib", rss[RUNS / 2]);
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

	private static void awaitFirstResponse(int port, Process process) throws Exception {
		HttpClient client = HttpClient.newHttpClient();
		HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/hello")).build();
		while (process.isAlive()) {
			try {
				HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
				if (response.statusCode() == 200) {
					return;
				}
			}
			catch (ConnectException ex) {
				// Not listening yet
			}
			Thread.sleep(5);
		}
		throw new IllegalStateException("The separate process exited with " + process.exitValue());
	}

	private static double residentMebibytes(long pid) throws IOException {
		for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
			if (line.startsWith("VmRSS:")) {
				return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024.0;
			}
		}
		return Double.NaN;
	}

}
