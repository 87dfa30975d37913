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

import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ApplicationContext;

/**
 * The servlet container that a test's real server runs on: the server tests run on Tomcat
 * and, in the {@code jetty-tests} execution, on Jetty, which rejects some hostile
 * requests itself that Tomcat leaves to the applications.
 *
 * @author Dispatch contributors
 */
enum ServletContainer {

	TOMCAT, JETTY;

	static ServletContainer of(ApplicationContext context) {
		String server = ((WebServerApplicationContext) context).getWebServer().getClass().getName();
		return server.contains("Jetty") ? JETTY : TOMCAT;
	}

	/**
	 * Return the outcome expected on this container.
	 * @param outcome the outcome on Tomcat
	 * @param onJetty the outcome on Jetty where it differs, else empty
	 * @return the outcome
	 */
	String expected(String outcome, String onJetty) {
		return (this == JETTY && onJetty != null && !onJetty.isBlank()) ? onJetty.strip() : outcome;
	}

}
