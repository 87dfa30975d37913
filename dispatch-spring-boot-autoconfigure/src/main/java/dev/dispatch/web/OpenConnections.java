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

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

/**
 * The connections that outlive the requests that opened them, such as WebSocket sessions,
 * of one started application. While one is open the application is in use, so that it is
 * never closed as idle under a live connection; when the application closes, it closes
 * them first, so that their peers learn that it went away.
 *
 * @author Dispatch contributors
 */
public final class OpenConnections {

	private static final Log logger = LogFactory.getLog(OpenConnections.class);

	// Upgrades that the container completes on the request's thread once the application
	// has served the request, for containers whose connections only say which request
	// opened them by its URI (Jetty's own WebSocket API)
	private static final ThreadLocal<@Nullable Upgrade> upgrade = new ThreadLocal<>();

	private static volatile boolean upgradesAwaited;

	private final Set<AutoCloseable> open = ConcurrentHashMap.newKeySet();

	private volatile long lastClosed;

	private volatile boolean closedAny;

	void opened(AutoCloseable connection) {
		this.open.add(connection);
	}

	void closed(AutoCloseable connection) {
		this.open.remove(connection);
		this.lastClosed = System.nanoTime();
		this.closedAny = true;
	}

	int count() {
		return this.open.size();
	}

	/**
	 * Return when the application was last used, given when a request last entered it.
	 * @param lastRequest when a request last entered it, a {@link System#nanoTime()}
	 * value
	 * @return now while a connection is open, else the later of the last request and the
	 * last connection's closing
	 */
	public long lastUsed(long lastRequest) {
		if (!this.open.isEmpty()) {
			return System.nanoTime();
		}
		long lastClosed = this.lastClosed;
		return (this.closedAny && lastClosed - lastRequest > 0) ? lastClosed : lastRequest;
	}

	/**
	 * Wait on this thread for the connection of a request that an application upgraded.
	 * @param connections the application's connections
	 * @param requestUri the request's URI
	 */
	public static void upgraded(OpenConnections connections, String requestUri) {
		if (upgradesAwaited) {
			upgrade.set(new Upgrade(connections, requestUri));
		}
	}

	/**
	 * Take the connections of the application whose upgrade of a request with the given
	 * URI completes on this thread.
	 * @param requestUri the URI of the request that opened the connection
	 * @return the application's connections, or {@code null} if no application upgraded
	 * that request on this thread
	 */
	static @Nullable OpenConnections takeUpgraded(String requestUri) {
		Upgrade awaited = upgrade.get();
		upgrade.remove();
		return (awaited != null && awaited.requestUri().equals(requestUri)) ? awaited.connections() : null;
	}

	/**
	 * Have upgraded requests wait for their connections from now on.
	 */
	static void awaitUpgrades() {
		upgradesAwaited = true;
	}

	public void closeAll() {
		for (AutoCloseable connection : this.open) {
			try {
				connection.close();
			}
			catch (Exception ex) {
				logger.debug("Failed to close " + connection, ex);
			}
			finally {
				closed(connection);
			}
		}
	}

	private record Upgrade(OpenConnections connections, String requestUri) {
	}

}
