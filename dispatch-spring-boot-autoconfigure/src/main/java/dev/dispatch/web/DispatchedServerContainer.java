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

package dev.dispatch.web;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.List;
import java.util.Map;

import jakarta.websocket.CloseReason;
import jakarta.websocket.CloseReason.CloseCodes;
import jakarta.websocket.Decoder;
import jakarta.websocket.Encoder;
import jakarta.websocket.Endpoint;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.Extension;
import jakarta.websocket.HandshakeResponse;
import jakarta.websocket.Session;
import jakarta.websocket.server.HandshakeRequest;
import jakarta.websocket.server.ServerContainer;
import jakarta.websocket.server.ServerEndpointConfig;
import org.jspecify.annotations.Nullable;

/**
 * The container's WebSocket {@link ServerContainer} as a dispatched application sees it.
 * Spring's WebSocket support upgrades requests through it, and each upgraded connection
 * is counted among the application's {@link OpenConnections}. What would change the
 * container for every application fails with a message that says what to do instead:
 * JSR-356 endpoints ({@code @ServerEndpoint} classes that a
 * {@code ServerEndpointExporter} exports) register on the container for the life of the
 * process, and cannot be removed when the application stops; the container's defaults
 * (buffer sizes, timeouts) are every application's.
 *
 * @author Dispatch contributors
 */
final class DispatchedServerContainer implements InvocationHandler {

	/**
	 * The servlet context attribute under which the container keeps its server container,
	 * as the Jakarta WebSocket specification names it.
	 */
	static final String ATTRIBUTE = "jakarta.websocket.server.ServerContainer";

	private final ServerContainer container;

	private final String application;

	private final OpenConnections connections;

	private DispatchedServerContainer(ServerContainer container, String application, OpenConnections connections) {
		this.container = container;
		this.application = application;
		this.connections = connections;
	}

	/**
	 * Return the server container that an application sees.
	 * @param container the container's server container
	 * @param application the application's name
	 * @param connections where the application's connections are counted
	 * @return the server container
	 */
	static ServerContainer of(ServerContainer container, String application, OpenConnections connections) {
		return (ServerContainer) Proxy.newProxyInstance(DispatchedServerContainer.class.getClassLoader(),
				new Class<?>[] { ServerContainer.class },
				new DispatchedServerContainer(container, application, connections));
	}

	@Override
	public @Nullable Object invoke(Object proxy, Method method, @Nullable Object[] args) throws Throwable {
		String name = method.getName();
		if (name.equals("upgradeHttpToWebSocket")) {
			args[2] = new CountedEndpointConfig((ServerEndpointConfig) args[2], this.connections);
		}
		else if (name.equals("addEndpoint")) {
			throw new IllegalStateException("The JSR-356 endpoint " + describe(args[0]) + " of " + this.application
					+ " would register on the container for every application and outlive it: declare it with "
					+ "Spring's WebSocket support (@EnableWebSocket and a WebSocketHandler, or STOMP with "
					+ "@EnableWebSocketMessageBroker), or in the default application");
		}
		else if (name.startsWith("setDefault") || name.equals("setAsyncSendTimeout")) {
			throw new IllegalStateException("ServerContainer." + name + " in " + this.application
					+ " would change the WebSocket settings of every application: configure them in the default "
					+ "application");
		}
		else if (name.equals("equals")) {
			return proxy == args[0];
		}
		else if (name.equals("hashCode")) {
			return System.identityHashCode(proxy);
		}
		try {
			return method.invoke(this.container, args);
		}
		catch (InvocationTargetException ex) {
			throw ex.getTargetException();
		}
	}

	private static String describe(@Nullable Object endpoint) {
		if (endpoint instanceof ServerEndpointConfig config) {
			return config.getEndpointClass().getName() + " at '" + config.getPath() + "'";
		}
		return (endpoint instanceof Class<?> type) ? type.getName() : String.valueOf(endpoint);
	}

	/**
	 * The configuration of an upgraded connection, whose endpoint counts it open until it
	 * closes.
	 */
	private static final class CountedEndpointConfig implements ServerEndpointConfig {

		private final ServerEndpointConfig config;

		private final Configurator configurator;

		CountedEndpointConfig(ServerEndpointConfig config, OpenConnections connections) {
			this.config = config;
			this.configurator = new CountingConfigurator(config, connections);
		}

		@Override
		public Class<?> getEndpointClass() {
			return CountedEndpoint.class;
		}

		@Override
		public String getPath() {
			return this.config.getPath();
		}

		@Override
		public List<String> getSubprotocols() {
			return this.config.getSubprotocols();
		}

		@Override
		public List<Extension> getExtensions() {
			return this.config.getExtensions();
		}

		@Override
		public Configurator getConfigurator() {
			return this.configurator;
		}

		@Override
		public List<Class<? extends Encoder>> getEncoders() {
			return this.config.getEncoders();
		}

		@Override
		public List<Class<? extends Decoder>> getDecoders() {
			return this.config.getDecoders();
		}

		@Override
		public Map<String, Object> getUserProperties() {
			return this.config.getUserProperties();
		}

	}

	private static final class CountingConfigurator extends ServerEndpointConfig.Configurator {

		private final ServerEndpointConfig config;

		private final OpenConnections connections;

		CountingConfigurator(ServerEndpointConfig config, OpenConnections connections) {
			this.config = config;
			this.connections = connections;
		}

		private ServerEndpointConfig.Configurator configurator() {
			return this.config.getConfigurator();
		}

		@Override
		public String getNegotiatedSubprotocol(List<String> supported, List<String> requested) {
			return configurator().getNegotiatedSubprotocol(supported, requested);
		}

		@Override
		public List<Extension> getNegotiatedExtensions(List<Extension> installed, List<Extension> requested) {
			return configurator().getNegotiatedExtensions(installed, requested);
		}

		@Override
		public boolean checkOrigin(String originHeaderValue) {
			return configurator().checkOrigin(originHeaderValue);
		}

		@Override
		public void modifyHandshake(ServerEndpointConfig sec, HandshakeRequest request, HandshakeResponse response) {
			configurator().modifyHandshake(sec, request, response);
		}

		@Override
		@SuppressWarnings("unchecked")
		public <T> T getEndpointInstance(Class<T> endpointClass) throws InstantiationException {
			Object endpoint = configurator().getEndpointInstance(this.config.getEndpointClass());
			if (!(endpoint instanceof Endpoint delegate)) {
				throw new InstantiationException(
						"Expected an Endpoint for " + this.config.getPath() + ", got " + endpoint);
			}
			return (T) new CountedEndpoint(delegate, this.connections);
		}

	}

	/**
	 * An application's endpoint, counted open from its opening to its closing.
	 */
	static final class CountedEndpoint extends Endpoint {

		private final Endpoint endpoint;

		private final OpenConnections connections;

		private volatile @Nullable AutoCloseable connection;

		CountedEndpoint(Endpoint endpoint, OpenConnections connections) {
			this.endpoint = endpoint;
			this.connections = connections;
		}

		@Override
		public void onOpen(Session session, EndpointConfig config) {
			AutoCloseable connection = () -> session
				.close(new CloseReason(CloseCodes.GOING_AWAY, "The application has stopped"));
			this.connection = connection;
			this.connections.opened(connection);
			this.endpoint.onOpen(session, config);
		}

		@Override
		public void onClose(Session session, CloseReason closeReason) {
			try {
				this.endpoint.onClose(session, closeReason);
			}
			finally {
				AutoCloseable connection = this.connection;
				if (connection != null) {
					this.connections.closed(connection);
				}
			}
		}

		@Override
		public void onError(Session session, Throwable failure) {
			this.endpoint.onError(session, failure);
		}

	}

}
