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

import org.apache.catalina.connector.Connector;

import org.springframework.boot.tomcat.TomcatWebServer;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.boot.web.server.context.WebServerGracefulShutdownLifecycle;
import org.springframework.context.ApplicationContext;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Lets Tomcat serve the requests of the connections it has accepted before Spring Boot's
 * graceful shutdown pauses it. Boot pauses Tomcat's connectors, then closes their server
 * sockets: a request of a connection accepted just before, read just after, gets Tomcat's
 * own 503, which the proxy cannot tell from the designed ones and does not retry
 * (docs/deployment.md). This closes the server sockets first, as Tomcat's own graceful
 * stop does: new connections are refused, which the proxy retries on another instance,
 * and the connections already accepted serve their request before Boot's graceful
 * shutdown finds nothing left to pause.
 *
 * @author Dispatch contributors
 */
@Component
class ConnectionDrain implements SmartLifecycle {

	// The proxy closes its connections after each response; one kept alive by another
	// client closes after its next request, or holds the shutdown this long at most
	private static final long TIMEOUT_MILLIS = 5000;

	private final ApplicationContext context;

	private volatile boolean running;

	// Any context: a test's mock environment has no web server
	ConnectionDrain(ApplicationContext context) {
		this.context = context;
	}

	@Override
	public void start() {
		this.running = true;
	}

	@Override
	public void stop() {
		this.running = false;
		if (this.context instanceof WebServerApplicationContext webServerContext
				&& webServerContext.getWebServer() instanceof TomcatWebServer server) {
			Connector[] connectors = server.getTomcat().getService().findConnectors();
			for (Connector connector : connectors) {
				connector.getProtocolHandler().closeServerSocketGraceful();
			}
			long remaining = TIMEOUT_MILLIS;
			for (Connector connector : connectors) {
				remaining = connector.getProtocolHandler().awaitConnectionsClose(remaining);
			}
		}
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	@Override
	public boolean isPauseable() {
		return false;
	}

	// Stopped just before Boot's graceful shutdown
	@Override
	public int getPhase() {
		return WebServerGracefulShutdownLifecycle.SMART_LIFECYCLE_PHASE + 1;
	}

}
