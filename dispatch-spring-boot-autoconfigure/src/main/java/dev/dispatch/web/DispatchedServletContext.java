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
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.servlet.Filter;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.Servlet;
import jakarta.servlet.ServletContext;
import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;
import org.springframework.util.ClassUtils;

/**
 * The {@link ServletContext} that a dispatched application sees: the container's, but
 * with the application's own context path, attributes and (no) init parameters. Spring
 * keeps per-application state in context attributes (the root web application context,
 * the {@code FrameworkServlet} context, the application scope), so sharing the default
 * application's attributes would mix up applications and keep closed ones reachable. An
 * application sees its own attributes and the {@link ContainerAttributes container's},
 * such as the temporary directory and the WebSocket server container; what it sets is its
 * own.
 * <p>
 * Everything else, resources and MIME types included, is the container's: forwards go
 * through the container and come back to the dispatch filter. What would change the
 * container for every application (adding servlets, filters and listeners, session and
 * encoding settings) fails with a message that says what to do instead.
 *
 * @author Dispatch contributors
 */
public final class DispatchedServletContext implements InvocationHandler {

	private final ServletContext container;

	private final String contextPath;

	private final String name;

	private static final boolean WEB_SOCKET_PRESENT = ClassUtils.isPresent("jakarta.websocket.server.ServerContainer",
			DispatchedServletContext.class.getClassLoader());

	private static final boolean JETTY_WEB_SOCKET_PRESENT = ClassUtils.isPresent(
			"org.eclipse.jetty.ee11.websocket.server.JettyWebSocketServerContainer",
			DispatchedServletContext.class.getClassLoader());

	private final Map<String, Object> attributes = new ConcurrentHashMap<>();

	private final OpenConnections connections = new OpenConnections();

	private volatile @Nullable Object serverContainer;

	private final @Nullable ServletRegistrations registrations;

	private DispatchedServletContext(ServletContext container, String contextPath, String name,
			@Nullable ServletRegistrations registrations) {
		this.container = container;
		this.contextPath = contextPath;
		this.name = name;
		this.registrations = registrations;
	}

	/**
	 * Create a {@link ServletContext} for a dispatched application, which records the
	 * servlet and filters that the application adds to it rather than adding them to the
	 * container.
	 * @param container the container's servlet context
	 * @param contextPath the application's context path
	 * @param name the application's name, its {@code getServletContextName()}
	 * @param registrations what records the servlet and filters it adds, or {@code null}
	 * if adding them fails
	 * @return the servlet context
	 */
	public static ServletContext create(ServletContext container, String contextPath, String name,
			@Nullable ServletRegistrations registrations) {
		return (ServletContext) Proxy.newProxyInstance(DispatchedServletContext.class.getClassLoader(),
				new Class<?>[] { ServletContext.class },
				new DispatchedServletContext(container, contextPath, name, registrations));
	}

	/**
	 * Return the connections that an application opened through its servlet context, such
	 * as WebSocket sessions.
	 * @param servletContext a servlet context {@link #create created} for the application
	 * @return its open connections
	 */
	public static OpenConnections openConnections(ServletContext servletContext) {
		return ((DispatchedServletContext) Proxy.getInvocationHandler(servletContext)).connections;
	}

	/**
	 * Return what recorded the servlet and filters that an application added to its
	 * servlet context.
	 * @param servletContext a servlet context {@link #create created} with registrations
	 * @return its registrations
	 */
	public static ServletRegistrations registrations(ServletContext servletContext) {
		ServletRegistrations registrations = ((DispatchedServletContext) Proxy
			.getInvocationHandler(servletContext)).registrations;
		Assert.state(registrations != null, "Created without registrations");
		return registrations;
	}

	@Override
	public @Nullable Object invoke(Object proxy, Method method, @Nullable Object[] args) throws Throwable {
		return switch (method.getName()) {
			case "getContextPath" -> this.contextPath;
			case "getServletContextName" -> this.name;
			case "getAttribute" -> getAttribute((String) args[0]);
			case "getAttributeNames" -> Collections.enumeration(getAttributeNames());
			case "setAttribute" -> setAttribute((String) args[0], args[1]);
			case "removeAttribute" -> this.attributes.remove((String) args[0]);
			case "getRequestDispatcher" -> requestDispatcher((String) args[0]);
			// The container's named servlets are the default application's
			case "getNamedDispatcher" -> null;
			case "getInitParameter" -> null;
			case "getInitParameterNames" -> Collections.emptyEnumeration();
			case "setInitParameter" -> false;
			case "addServlet", "addFilter" -> register(method, args);
			case "addListener" ->
				throw (this.registrations != null) ? this.registrations.addListener(args[0]) : changesContainer(method);
			case "addJspFile", "declareRoles", "setSessionTimeout", "setSessionTrackingModes",
					"setRequestCharacterEncoding", "setResponseCharacterEncoding" ->
				throw changesContainer(method);
			case "equals" -> proxy == args[0];
			case "hashCode" -> System.identityHashCode(proxy);
			case "toString" -> "ServletContext of " + this.name + " at '" + this.contextPath + "'";
			default -> delegate(method, args);
		};
	}

	private Object register(Method method, @Nullable Object[] args) {
		ServletRegistrations registrations = this.registrations;
		if (registrations == null || !(args[1] instanceof Filter || args[1] instanceof Servlet)) {
			throw changesContainer(method);
		}
		return (args[1] instanceof Filter filter) ? registrations.addFilter((String) args[0], filter)
				: registrations.addServlet((String) args[0], (Servlet) args[1]);
	}

	private IllegalStateException changesContainer(Method method) {
		return new IllegalStateException("ServletContext." + method.getName() + " in " + this.name
				+ " would change the container, which serves every application: declare servlet "
				+ "components as beans (a FilterRegistrationBean for a filter), and container settings on "
				+ "the default application");
	}

	private @Nullable Object getAttribute(String name) {
		Object value = this.attributes.get(name);
		if (value == null && ContainerAttributes.isContainerAttribute(name)) {
			value = this.container.getAttribute(name);
			if (value != null && WEB_SOCKET_PRESENT && name.equals(DispatchedServerContainer.ATTRIBUTE)) {
				return serverContainer(value);
			}
			if (value != null && JETTY_WEB_SOCKET_PRESENT && name.equals(JettyWebSockets.ATTRIBUTE)) {
				JettyWebSockets.track(value);
			}
		}
		return value;
	}

	private @Nullable RequestDispatcher requestDispatcher(String path) {
		RequestDispatcher dispatcher = this.container.getRequestDispatcher(path);
		return (dispatcher != null) ? new ContainerDispatch.Dispatcher(dispatcher) : null;
	}

	private Object serverContainer(Object container) {
		Object serverContainer = this.serverContainer;
		if (serverContainer == null) {
			serverContainer = DispatchedServerContainer.of((jakarta.websocket.server.ServerContainer) container,
					this.name, this.connections);
			this.serverContainer = serverContainer;
		}
		return serverContainer;
	}

	private Set<String> getAttributeNames() {
		Set<String> names = new LinkedHashSet<>(this.attributes.keySet());
		for (String name : Collections.list(this.container.getAttributeNames())) {
			if (ContainerAttributes.isContainerAttribute(name)) {
				names.add(name);
			}
		}
		return names;
	}

	private @Nullable Object setAttribute(String name, @Nullable Object value) {
		if (value != null) {
			this.attributes.put(name, value);
		}
		else {
			this.attributes.remove(name);
		}
		return null;
	}

	private @Nullable Object delegate(Method method, @Nullable Object[] args) throws Throwable {
		try {
			return method.invoke(this.container, args);
		}
		catch (InvocationTargetException ex) {
			throw ex.getTargetException();
		}
	}

}
