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

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import jakarta.websocket.OnMessage;
import jakarta.websocket.server.ServerEndpoint;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.messaging.handler.annotation.MessageMapping;
import org.springframework.messaging.handler.annotation.SendTo;
import org.springframework.messaging.simp.config.MessageBrokerRegistry;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.config.annotation.EnableWebSocket;
import org.springframework.web.socket.config.annotation.EnableWebSocketMessageBroker;
import org.springframework.web.socket.config.annotation.StompEndpointRegistry;
import org.springframework.web.socket.config.annotation.WebSocketConfigurer;
import org.springframework.web.socket.config.annotation.WebSocketHandlerRegistry;
import org.springframework.web.socket.config.annotation.WebSocketMessageBrokerConfigurer;
import org.springframework.web.socket.handler.TextWebSocketHandler;
import org.springframework.web.socket.server.standard.ServerEndpointExporter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Spring's WebSocket support and STOMP in mounts and tenants, on a real server: the
 * connections are the application's, keep a tenant from being closed as idle, and are
 * closed when it stops.
 *
 * @author Dispatch contributors
 */
@SpringBootTest(classes = WebSocketServerTests.DefaultApp.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "dispatch.mounts.chat.path=/chat",
				"dispatch.mounts.chat.sources=dev.dispatch.autoconfigure.WebSocketServerTests$EchoApp",
				"dispatch.mounts.chat.properties.app.name=chat", "dispatch.mounts.stomp.path=/stomp",
				"dispatch.mounts.stomp.properties.app.name=stomp",
				"dispatch.mounts.stomp.sources=dev.dispatch.autoconfigure.WebSocketServerTests$StompApp",
				"dispatch.mounts.jsr.path=/jsr",
				"dispatch.mounts.jsr.sources=dev.dispatch.autoconfigure.WebSocketServerTests$JsrApp",
				"dispatch.path.prefix=/t", "dispatch.path.idle-timeout=1s",
				"dispatch.path.sources=dev.dispatch.autoconfigure.WebSocketServerTests$EchoApp",
				"dispatch.path.tenants.acme.profiles=websocket", "dispatch.path.tenants.held.profiles=websocket",
				"dispatch.path.tenants.idle.profiles=websocket", "dispatch.path.tenants.stopped.profiles=websocket" })
class WebSocketServerTests {

	@LocalServerPort
	private int port;

	@Autowired
	private DispatchedApplications applications;

	@Test
	void webSocketHandlerOfAMountEchoes() throws Exception {
		Client client = connect("/chat/echo");
		client.send("hello");
		assertThat(client.next()).isEqualTo("chat echoes hello");
	}

	@Test
	void webSocketHandlerOfATenantEchoes() throws Exception {
		Client client = connect("/t/acme/echo");
		client.send("hello");
		assertThat(client.next()).isEqualTo("acme echoes hello");
	}

	@Test
	void stompEndpointOfAMountBroadcastsToItsSubscribers() throws Exception {
		assertStompBroadcasts("/stomp/ws", "stomp");
	}

	private void assertStompBroadcasts(String path, String application) throws Exception {
		Client client = connect(path);
		client.send("CONNECT\naccept-version:1.2\nhost:localhost\n\n\0");
		assertThat(client.next()).startsWith("CONNECTED");
		client.send("SUBSCRIBE\nid:sub-0\ndestination:/topic/greetings\n\n\0");
		client.send("SEND\ndestination:/app/greet\ncontent-type:text/plain\n\nworld\0");
		assertThat(client.next()).startsWith("MESSAGE")
			.contains("destination:/topic/greetings")
			.endsWith("\n\nhello world from " + application + "\0");
	}

	@Test
	void stompEndpointOfATenantBroadcastsToItsSubscribers() throws Exception {
		assertStompBroadcasts("/t/acme/ws", "acme");
	}

	@Test
	void tenantWithAnOpenWebSocketIsNotClosedAsIdle() throws Exception {
		Client held = connect("/t/held/echo");
		held.send("before");
		assertThat(held.next()).isEqualTo("held echoes before");
		// A tenant that served a request after the held one's last: once the idle check
		// has closed it, it has passed the held tenant's idle time too
		assertThat(TestRequests.get(this.port, "/t/idle/name").body()).isEqualTo("idle");
		awaitClosed("idle");
		assertThat(tenantKeys()).contains("held");
		assertThat(held.closed).isNotDone();
		held.send("after");
		assertThat(held.next()).isEqualTo("held echoes after");
	}

	@Test
	void stoppingATenantClosesItsWebSocketsAsGoingAway() throws Exception {
		Client client = connect("/t/stopped/echo");
		client.send("hello");
		assertThat(client.next()).isEqualTo("stopped echoes hello");
		assertThat(this.applications.stop("path:stopped")).isTrue();
		assertThat(client.closed.get(10, TimeUnit.SECONDS)).isEqualTo(1001);
	}

	@Test
	void jsr356EndpointFailsTheStartOfItsApplication() {
		assertThat(TestRequests.get(this.port, "/jsr/anything").statusCode()).isEqualTo(503);
		assertThat(this.applications.getApplication("jsr").failure()).contains("The JSR-356 endpoint")
			.contains(JsrEndpoint.class.getName())
			.contains("would register on the container for every application");
	}

	private java.util.List<String> tenantKeys() {
		return this.applications.getApplications()
			.stream()
			.filter((application) -> application.group().equals("path")
					&& application.state() != DispatchedApplications.State.STOPPING)
			.map(DispatchedApplications.Application::name)
			.toList();
	}

	private void awaitClosed(String key) {
		await().atMost(Duration.ofSeconds(30)).until(() -> !tenantKeys().contains(key));
	}

	private Client connect(String path) throws Exception {
		Client client = new Client();
		HttpClient.newHttpClient()
			.newWebSocketBuilder()
			.connectTimeout(Duration.ofSeconds(10))
			.buildAsync(URI.create("ws://localhost:" + this.port + path), client)
			.get(10, TimeUnit.SECONDS);
		return client;
	}

	/**
	 * A WebSocket client that queues the text messages it receives.
	 */
	static final class Client implements WebSocket.Listener {

		private final BlockingQueue<String> messages = new LinkedBlockingQueue<>();

		private final StringBuilder partial = new StringBuilder();

		final CompletableFuture<Integer> closed = new CompletableFuture<>();

		private volatile WebSocket webSocket;

		@Override
		public void onOpen(WebSocket webSocket) {
			this.webSocket = webSocket;
			webSocket.request(Long.MAX_VALUE);
		}

		@Override
		public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
			this.partial.append(data);
			if (last) {
				this.messages.add(this.partial.toString());
				this.partial.setLength(0);
			}
			return null;
		}

		@Override
		public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
			this.closed.complete(statusCode);
			return null;
		}

		void send(String text) throws Exception {
			this.webSocket.sendText(text, true).get(10, TimeUnit.SECONDS);
		}

		String next() throws InterruptedException {
			String message = this.messages.poll(10, TimeUnit.SECONDS);
			assertThat(message).as("a message within 10s").isNotNull();
			return message;
		}

	}

	@SpringBootConfiguration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	static class DefaultApp {

	}

	@Configuration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	@EnableWebSocket
	@Import({ NameController.class, StompConfiguration.class, GreetingController.class })
	static class EchoApp implements WebSocketConfigurer {

		private final String name;

		EchoApp(@Value("${app.name:${dispatch.tenant}}") String name) {
			this.name = name;
		}

		@Override
		public void registerWebSocketHandlers(WebSocketHandlerRegistry registry) {
			registry.addHandler(new TextWebSocketHandler() {

				@Override
				protected void handleTextMessage(WebSocketSession session, TextMessage message) throws Exception {
					session.sendMessage(new TextMessage(EchoApp.this.name + " echoes " + message.getPayload()));
				}

			}, "/echo");
		}

	}

	@RestController
	static class NameController {

		@GetMapping("/name")
		String name(@Value("${app.name:${dispatch.tenant}}") String name) {
			return name;
		}

	}

	@Configuration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	@Import({ StompConfiguration.class, GreetingController.class })
	static class StompApp {

	}

	@Configuration(proxyBeanMethods = false)
	@EnableWebSocketMessageBroker
	static class StompConfiguration implements WebSocketMessageBrokerConfigurer {

		@Override
		public void registerStompEndpoints(StompEndpointRegistry registry) {
			registry.addEndpoint("/ws");
			// So that the subscription is in place before the message
			registry.setPreserveReceiveOrder(true);
		}

		@Override
		public void configureMessageBroker(MessageBrokerRegistry registry) {
			registry.enableSimpleBroker("/topic");
			registry.setApplicationDestinationPrefixes("/app");
		}

	}

	@Controller
	static class GreetingController {

		private final String application;

		GreetingController(@Value("${app.name:${dispatch.tenant}}") String application) {
			this.application = application;
		}

		@MessageMapping("/greet")
		@SendTo("/topic/greetings")
		String greet(String name) {
			return "hello " + name + " from " + this.application;
		}

	}

	@Configuration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	static class JsrApp {

		@Bean
		ServerEndpointExporter serverEndpointExporter() {
			ServerEndpointExporter exporter = new ServerEndpointExporter();
			exporter.setAnnotatedEndpointClasses(JsrEndpoint.class);
			return exporter;
		}

	}

	@ServerEndpoint("/jsr-echo")
	public static class JsrEndpoint {

		@OnMessage
		public String echo(String message) {
			return message;
		}

	}

}
