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

package dev.dispatch.autoconfigure;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;

/**
 * Requests to a test's real server: through an HTTP client, or sent as they are over a
 * socket, for the request targets and headers that HTTP clients normalize or refuse.
 *
 * @author Dispatch contributors
 */
final class TestRequests {

	private static final HttpClient client = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

	private TestRequests() {
	}

	static HttpResponse<String> get(int port, String path) {
		return get(port, path, new String[0]);
	}

	/**
	 * Send a GET request with headers.
	 * @param port the server's port
	 * @param path the request's path
	 * @param headers names and values of headers, in turn
	 * @return the response
	 */
	static HttpResponse<String> get(int port, String path, String... headers) {
		HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
			.timeout(Duration.ofSeconds(60));
		if (headers.length > 0) {
			builder.headers(headers);
		}
		return send(builder.build());
	}

	/**
	 * Send a POST request without a body.
	 * @param port the server's port
	 * @param path the request's path
	 * @return the response
	 */
	static HttpResponse<String> post(int port, String path) {
		return send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
			.timeout(Duration.ofSeconds(60))
			.POST(HttpRequest.BodyPublishers.noBody())
			.build());
	}

	private static HttpResponse<String> send(HttpRequest request) {
		try {
			return client.send(request, HttpResponse.BodyHandlers.ofString());
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * Return the value of an {@code Authorization} header for HTTP basic authentication
	 * with the password {@code secret}.
	 * @param user the user's name
	 * @return the header's value
	 */
	static String basic(String user) {
		return "Basic " + Base64.getEncoder().encodeToString((user + ":secret").getBytes(StandardCharsets.UTF_8));
	}

	static String raw(int port, String request) throws IOException {
		try (Socket socket = new Socket("localhost", port)) {
			socket.setSoTimeout(10_000);
			OutputStream out = socket.getOutputStream();
			out.write(request.getBytes(StandardCharsets.ISO_8859_1));
			out.flush();
			ByteArrayOutputStream buffer = new ByteArrayOutputStream();
			socket.getInputStream().transferTo(buffer);
			return buffer.toString(StandardCharsets.UTF_8);
		}
	}

}
