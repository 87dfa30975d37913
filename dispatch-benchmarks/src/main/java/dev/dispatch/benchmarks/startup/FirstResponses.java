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

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/**
 * Times the first response of applications on the default application's server, which
 * starts them, and checks that each answered with its page.
 *
 * @author Dispatch contributors
 */
final class FirstResponses {

	private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

	private final int port;

	FirstResponses(int port) {
		this.port = port;
	}

	/**
	 * Send a request and time its response.
	 * @param path the request's path
	 * @param expected what the body of the application's page contains
	 * @return the milliseconds until the whole response had arrived
	 * @throws Exception if the request failed, or another page answered
	 */
	double millis(String path, String expected) throws Exception {
		HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + path)).build();
		long start = System.nanoTime();
		HttpResponse<String> response = this.client.send(request, HttpResponse.BodyHandlers.ofString());
		double millis = (System.nanoTime() - start) / 1e6;
		if (response.statusCode() != 200 || !response.body().contains(expected)) {
			throw new IllegalStateException(path + " answered " + response.statusCode() + " " + response.body());
		}
		return millis;
	}

}
