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

import java.util.Collections;
import java.util.Map;
import java.util.Set;
import java.util.WeakHashMap;
import java.util.concurrent.ConcurrentHashMap;

import org.eclipse.jetty.ee11.websocket.server.JettyWebSocketServerContainer;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;
import org.eclipse.jetty.websocket.api.StatusCode;
import org.eclipse.jetty.websocket.api.WebSocketSessionListener;

/**
 * Counts the WebSocket sessions that Jetty's own WebSocket API opens for dispatched
 * applications among their {@link OpenConnections}. On Jetty 12, Spring's WebSocket
 * support upgrades through Jetty's {@link JettyWebSocketServerContainer} rather than the
 * Jakarta WebSocket API that {@link DispatchedServerContainer} sees, so a listener on
 * Jetty's container attributes each session to the application that upgraded the request
 * that opened it.
 *
 * @author Dispatch contributors
 */
final class JettyWebSockets {

	/**
	 * The servlet context attribute of Jetty's WebSocket container.
	 */
	static final String ATTRIBUTE = JettyWebSocketServerContainer.JETTY_WEBSOCKET_CONTAINER_ATTRIBUTE;

	// Each container's listener, registered once however many applications read it
	private static final Set<JettyWebSocketServerContainer> tracked = Collections
		.synchronizedSet(Collections.newSetFromMap(new WeakHashMap<>()));

	private JettyWebSockets() {
	}

	/**
	 * Count the sessions of dispatched applications that a container opens.
	 * @param container the servlet context attribute's value
	 */
	static void track(Object container) {
		if (container instanceof JettyWebSocketServerContainer jetty && tracked.add(jetty)) {
			OpenConnections.awaitUpgrades();
			jetty.addSessionListener(new Listener());
		}
	}

	private record Counted(OpenConnections connections, AutoCloseable connection) {
	}

	private static final class Listener implements WebSocketSessionListener {

		private final Map<Session, Counted> sessions = new ConcurrentHashMap<>();

		// Jetty creates the session on the request's thread once the application has
		// served the upgrade request, and keeps only the request's URI, headers and user
		@Override
		public void onWebSocketSessionCreated(Session session) {
			OpenConnections connections = OpenConnections
				.takeUpgraded(session.getUpgradeRequest().getRequestURI().getRawPath());
			if (connections != null) {
				AutoCloseable connection = () -> session.close(StatusCode.SHUTDOWN, "The application has stopped",
						Callback.NOOP);
				this.sessions.put(session, new Counted(connections, connection));
				connections.opened(connection);
			}
		}

		@Override
		public void onWebSocketSessionClosed(Session session) {
			Counted counted = this.sessions.remove(session);
			if (counted != null) {
				counted.connections().closed(counted.connection());
			}
		}

	}

}
