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

package dev.dispatch.sample.home;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * A request of a connection that the server accepted before its graceful shutdown began
 * is served, not answered with Tomcat's 503, while new connections are refused.
 *
 * @author Dispatch contributors
 */
class ConnectionDrainTests {

	@Test
	void requestOfAnAcceptedConnectionIsServedDuringTheGracefulShutdown() throws Exception {
		ConfigurableApplicationContext context = new SpringApplicationBuilder(SampleApplication.class)
			.properties("server.port=0", "server.shutdown=graceful")
			.run();
		int port = ((WebServerApplicationContext) context).getWebServer().getPort();
		try (Socket connection = new Socket("localhost", port)) {
			// Answered, so the server has accepted the connection and keeps it alive
			assertThat(head(connection)).startsWith("HTTP/1.1 200");
			CompletableFuture<Void> shutdown = CompletableFuture.runAsync(context::close);
			await().atMost(Duration.ofSeconds(30))
				.untilAsserted(() -> assertThatExceptionOfType(ConnectException.class)
					.isThrownBy(() -> new Socket("localhost", port).close()));
			assertThat(head(connection)).startsWith("HTTP/1.1 200");
			shutdown.get(30, TimeUnit.SECONDS);
		}
		finally {
			context.close();
		}
	}

	// The status line of a request without a body in its response
	private static String head(Socket connection) throws IOException {
		OutputStream out = connection.getOutputStream();
		out.write(
				"HEAD / HTTP/1.1\r\nHost: localhost\r\nAccept: text/html\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
		out.flush();
		InputStream in = connection.getInputStream();
		StringBuilder response = new StringBuilder();
		while (response.indexOf("\r\n\r\n") < 0) {
			int read = in.read();
			if (read < 0) {
				break;
			}
			response.append((char) read);
		}
		return response.toString().lines().findFirst().orElse("(closed)");
	}

}
