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

/**
 * Which request and servlet context attributes belong to the container rather than to an
 * application. An application sees these, and only these, of what is not its own: the
 * servlet specification's ({@code jakarta.servlet.error.*},
 * {@code jakarta.servlet.forward.*}, the TLS certificates, the WebSocket server
 * container), Tomcat's and Jetty's, and, under MockMvc, which plays the container in
 * tests, MockMvc's result. Every other attribute, the default application's user
 * attributes and Spring's and Spring Security's state included, is the application's own:
 * it neither sees another application's nor shows its own to another.
 *
 * @author Dispatch contributors
 */
public final class ContainerAttributes {

	private static final String[] CONTAINER_PREFIXES = { "jakarta.servlet.", "jakarta.websocket.",
			"org.apache.catalina.", "org.apache.tomcat.", "org.apache.coyote.", "org.eclipse.jetty." };

	// The names that control the container: an application's writes must reach it
	private static final String[] CONTROL_PREFIXES = { "org.apache.catalina.", "org.apache.tomcat.",
			"org.apache.coyote.", "org.eclipse.jetty." };

	/**
	 * The request attribute of MockMvc's result, from which its
	 * {@code TestDispatcherServlet} reads; spring-test's
	 * {@code MockMvc.MVC_RESULT_ATTRIBUTE} is package-private, and
	 * {@code MockMvcSupportTests} checks that the two agree.
	 */
	public static final String MOCK_MVC_RESULT_ATTRIBUTE = "org.springframework.test.web.servlet.MockMvc.MVC_RESULT_ATTRIBUTE";

	private ContainerAttributes() {
	}

	/**
	 * Return whether an attribute is the container's, which every application sees.
	 * @param name the attribute's name
	 * @return whether it is the container's
	 */
	static boolean isContainerAttribute(String name) {
		return startsWithAny(name, CONTAINER_PREFIXES) || name.equals(MOCK_MVC_RESULT_ATTRIBUTE);
	}

	/**
	 * Return whether an attribute that an application sets tells the container what to
	 * do, such as Tomcat's {@code org.apache.tomcat.sendfile.*}, so that it must be set
	 * on the container's request rather than be kept as the application's own.
	 * @param name the attribute's name
	 * @return whether it controls the container
	 */
	static boolean isContainerControl(String name) {
		return startsWithAny(name, CONTROL_PREFIXES);
	}

	private static boolean startsWithAny(String name, String[] prefixes) {
		for (String prefix : prefixes) {
			if (name.startsWith(prefix)) {
				return true;
			}
		}
		return false;
	}

}
