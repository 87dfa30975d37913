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

import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterRegistration;
import jakarta.servlet.MultipartConfigElement;
import jakarta.servlet.Servlet;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRegistration;
import jakarta.servlet.ServletSecurityElement;
import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;

/**
 * The servlet and filters that an application of a class loader of its own adds to its
 * servlet context as it starts, as its Spring Boot adds them to an embedded server's: the
 * application's {@code ServletContextInitializer} beans run against the servlet context
 * and register them here rather than with the container. Only one servlet, its
 * {@code DispatcherServlet}, is allowed. For internal use only.
 *
 * @author Dispatch contributors
 */
public final class ServletRegistrations {

	private static final String DISPATCHER_SERVLET = "org.springframework.web.servlet.DispatcherServlet";

	private final String description;

	private final List<Registration> filters = new ArrayList<>();

	private @Nullable Registration servlet;

	/**
	 * Create the registrations of an application.
	 * @param description how errors refer to the application
	 */
	public ServletRegistrations(String description) {
		this.description = description;
	}

	synchronized FilterRegistration.Dynamic addFilter(String name, Filter filter) {
		Registration registration = new Registration(name, filter);
		this.filters.add(registration);
		return registration;
	}

	synchronized ServletRegistration.Dynamic addServlet(String name, Servlet servlet) {
		if (!isDispatcherServlet(servlet)) {
			throw new RefusedRegistrationException("The " + this.description + " registers the servlet '" + name
					+ "': a dispatched application serves its requests with its DispatcherServlet only. Serve that "
					+ "servlet from the default application, or its requests with a Spring MVC handler");
		}
		if (this.servlet != null) {
			throw new RefusedRegistrationException("The " + this.description + " registers the DispatcherServlets '"
					+ this.servlet.name + "' and '" + name + "': a dispatched application serves its requests with "
					+ "one. Register only the one that serves the application");
		}
		this.servlet = new Registration(name, servlet);
		return this.servlet;
	}

	// By name: the DispatcherServlet of an application of a class loader of its own is
	// of its own Spring
	private static boolean isDispatcherServlet(Servlet servlet) {
		for (Class<?> type = servlet.getClass(); type != null; type = type.getSuperclass()) {
			if (type.getName().equals(DISPATCHER_SERVLET)) {
				return true;
			}
		}
		return false;
	}

	RefusedRegistrationException addListener(Object listener) {
		return new RefusedRegistrationException("The " + this.description + " registers the servlet listener "
				+ listener.getClass().getName() + ": the container notifies only the default application's "
				+ "listeners. Declare it in the default application");
	}

	/**
	 * Serve the application with the given servlet, mapped to every path, as an
	 * application that registered none, such as a bare {@code @EnableWebMvc} one.
	 * @param name the servlet's name
	 * @param servlet the servlet
	 */
	public synchronized void use(String name, Servlet servlet) {
		Assert.state(this.servlet == null, "The application registered a servlet");
		this.servlet = new Registration(name, servlet);
	}

	/**
	 * Initialize the filters, then the servlet, as a container does before it serves the
	 * application.
	 * @param servletContext the application's servlet context
	 * @throws ServletException if one fails to initialize
	 */
	public void initialize(ServletContext servletContext) throws ServletException {
		for (Registration filter : this.filters) {
			((Filter) filter.component).init(new ApplicationConfig(filter.name, servletContext, filter.initParameters));
		}
		Registration servlet = this.servlet;
		if (servlet != null) {
			((Servlet) servlet.component)
				.init(new ApplicationConfig(servlet.name, servletContext, servlet.initParameters));
		}
	}

	/**
	 * Return the filters, in the order they were added.
	 * @return the filters with their mappings
	 */
	public List<ApplicationFilter> filters() {
		return this.filters.stream()
			.map((registration) -> new ApplicationFilter(registration.name, (Filter) registration.component,
					registration.dispatcherTypes, List.copyOf(registration.urlPatterns),
					List.copyOf(registration.servletNames)))
			.toList();
	}

	/**
	 * Return the servlet, if the application added one.
	 * @return its servlet or {@code null}
	 */
	public @Nullable Servlet servlet() {
		return (this.servlet != null) ? (Servlet) this.servlet.component : null;
	}

	/**
	 * Return where the servlet is mapped.
	 * @return its mapping
	 * @throws IllegalStateException if the application added no servlet, or mapped it as
	 * a dispatched application cannot serve it
	 */
	public ServletMapping mapping() {
		Registration servlet = this.servlet;
		if (servlet == null) {
			throw new IllegalStateException("The " + this.description + " registers no DispatcherServlet: a "
					+ "dispatched application serves its requests with it. Add spring-boot-starter-webmvc to it");
		}
		return ServletMapping.of(servlet.mappings, servlet.name, this.description);
	}

	/**
	 * Thrown when an application registers what only the container could honour. Boot's
	 * registration beans wrap it in an exception that names the component alone.
	 */
	public static final class RefusedRegistrationException extends IllegalStateException {

		RefusedRegistrationException(String message) {
			super(message);
		}

	}

	/**
	 * A filter or servlet as the application registers it.
	 */
	private static final class Registration implements FilterRegistration.Dynamic, ServletRegistration.Dynamic {

		private final String name;

		private final Object component;

		private final Map<String, String> initParameters = new LinkedHashMap<>();

		private Set<DispatcherType> dispatcherTypes = EnumSet.of(DispatcherType.REQUEST);

		private final Set<String> urlPatterns = new LinkedHashSet<>();

		private final Set<String> servletNames = new LinkedHashSet<>();

		private final Set<String> mappings = new LinkedHashSet<>();

		Registration(String name, Object component) {
			this.name = name;
			this.component = component;
		}

		@Override
		public void addMappingForServletNames(@Nullable EnumSet<DispatcherType> dispatcherTypes, boolean isMatchAfter,
				String... servletNames) {
			dispatcherTypes(dispatcherTypes);
			this.servletNames.addAll(List.of(servletNames));
		}

		@Override
		public void addMappingForUrlPatterns(@Nullable EnumSet<DispatcherType> dispatcherTypes, boolean isMatchAfter,
				String... urlPatterns) {
			dispatcherTypes(dispatcherTypes);
			this.urlPatterns.addAll(List.of(urlPatterns));
		}

		private void dispatcherTypes(@Nullable EnumSet<DispatcherType> dispatcherTypes) {
			this.dispatcherTypes = (dispatcherTypes != null) ? EnumSet.copyOf(dispatcherTypes)
					: EnumSet.of(DispatcherType.REQUEST);
		}

		@Override
		public Collection<String> getServletNameMappings() {
			return Set.copyOf(this.servletNames);
		}

		@Override
		public Collection<String> getUrlPatternMappings() {
			return Set.copyOf(this.urlPatterns);
		}

		@Override
		public Set<String> addMapping(String... urlPatterns) {
			this.mappings.addAll(List.of(urlPatterns));
			return Set.of();
		}

		@Override
		public Collection<String> getMappings() {
			return Set.copyOf(this.mappings);
		}

		@Override
		public void setLoadOnStartup(int loadOnStartup) {
			// Its servlet starts with the application
		}

		@Override
		public Set<String> setServletSecurity(ServletSecurityElement constraint) {
			throw new IllegalStateException("Servlet security constraints of '" + this.name + "' would be the "
					+ "container's: secure the application with Spring Security instead");
		}

		@Override
		public void setMultipartConfig(MultipartConfigElement multipartConfig) {
			// The container parses multipart requests with the default application's
			// limits
		}

		@Override
		public void setRunAsRole(String roleName) {
			throw new IllegalStateException("A run-as role of '" + this.name + "' would be the container's");
		}

		@Override
		public @Nullable String getRunAsRole() {
			return null;
		}

		@Override
		public void setAsyncSupported(boolean isAsyncSupported) {
			// The dispatch filter's chain supports async for every application
		}

		@Override
		public String getName() {
			return this.name;
		}

		@Override
		public String getClassName() {
			return this.component.getClass().getName();
		}

		@Override
		public boolean setInitParameter(String name, String value) {
			return this.initParameters.putIfAbsent(name, value) == null;
		}

		@Override
		public @Nullable String getInitParameter(String name) {
			return this.initParameters.get(name);
		}

		@Override
		public Set<String> setInitParameters(Map<String, String> initParameters) {
			Set<String> conflicts = new LinkedHashSet<>();
			initParameters.forEach((name, value) -> {
				if (!setInitParameter(name, value)) {
					conflicts.add(name);
				}
			});
			return conflicts;
		}

		@Override
		public Map<String, String> getInitParameters() {
			return Map.copyOf(this.initParameters);
		}

	}

}
