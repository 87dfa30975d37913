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

import java.io.IOException;
import java.util.Collections;
import java.util.List;
import java.util.function.BiConsumer;

import jakarta.servlet.Servlet;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import org.jspecify.annotations.Nullable;

import org.springframework.web.context.WebApplicationContext;

/**
 * The servlet side of a started application: its servlet context, the filters it declares
 * and the servlet at the end of their chain, usually its {@code DispatcherServlet}, as a
 * small container of its own would serve them. For internal use only.
 *
 * @author Dispatch contributors
 */
public final class ServletApplication {

	private final String description;

	private final @Nullable WebApplicationContext context;

	private final @Nullable ClassLoader classLoader;

	private final DispatchedSession.@Nullable Values sessionValues;

	private final ServletContext servletContext;

	private final List<ApplicationFilter> filters;

	private final Servlet servlet;

	private final ServletMapping mapping;

	private final ErrorPages errorPages;

	private final @Nullable String sessionNamespace;

	private final boolean ownSecurity;

	private volatile @Nullable Servlet testServlet;

	/**
	 * Create the servlet side of an application.
	 * @param description how logs and errors refer to the application
	 * @param servletContext its servlet context, created by
	 * {@link DispatchedServletContext}
	 * @param context its context, or {@code null} for an application of a class loader of
	 * its own, whose context is of another Spring than the default application's
	 * @param classLoader the class loader of its own, which its requests run with, or
	 * {@code null} if it shares the default application's
	 * @param filters its filters, in order
	 * @param servlet its servlet, initialized
	 * @param mapping where its servlet is mapped
	 * @param errorPages its error pages
	 * @param sessionNamespace the prefix of its session attributes, or {@code null} if it
	 * shares the default application's
	 * @param ownSecurity whether it decides authentication itself, rather than the
	 * default application's security
	 */
	public ServletApplication(String description, ServletContext servletContext,
			@Nullable WebApplicationContext context, @Nullable ClassLoader classLoader, List<ApplicationFilter> filters,
			Servlet servlet, ServletMapping mapping, ErrorPages errorPages, @Nullable String sessionNamespace,
			boolean ownSecurity) {
		this.description = description;
		this.context = context;
		this.classLoader = classLoader;
		this.sessionValues = (classLoader != null) ? new DispatchedSession.Values() : null;
		this.servletContext = servletContext;
		this.filters = filters;
		this.servlet = servlet;
		this.mapping = mapping;
		this.errorPages = errorPages;
		this.sessionNamespace = sessionNamespace;
		this.ownSecurity = ownSecurity;
	}

	ServletContext getServletContext() {
		return this.servletContext;
	}

	/**
	 * Return the class loader of its own that the application runs with, if it has one.
	 * @return its class loader, or {@code null} if it shares the default application's
	 */
	public @Nullable ClassLoader getClassLoader() {
		return this.classLoader;
	}

	ServletMapping mapping() {
		return this.mapping;
	}

	boolean isOwnSecurity() {
		return this.ownSecurity;
	}

	/**
	 * Return the connections that the application opened and that outlive the requests
	 * that opened them, such as WebSocket sessions.
	 * @return its open connections
	 */
	public OpenConnections connections() {
		return DispatchedServletContext.openConnections(this.servletContext);
	}

	HttpSession session(HttpSession session) {
		return (this.sessionNamespace != null)
				? new DispatchedSession(session, this.sessionNamespace, this.servletContext, this.sessionValues)
				: session;
	}

	/**
	 * Return the path of the application's own page for an error, if it has error pages.
	 * @param exception the exception, if the error is one
	 * @param status the response status
	 * @return the path within the application, or {@code null}
	 */
	@Nullable String errorPagePath(@Nullable Throwable exception, int status) {
		return this.errorPages.pathFor(exception, status);
	}

	/**
	 * Serve a request through the application's filters and servlet, with the request's
	 * thread holding the application's state, not the default application's.
	 * @param request the request as the application sees it
	 * @param response the response
	 * @throws IOException on I/O errors
	 * @throws ServletException on servlet errors
	 */
	public void serve(DispatchedRequest request, HttpServletResponse response) throws IOException, ServletException {
		ThreadState threadState = ThreadState.enter(this.ownSecurity);
		Thread thread = Thread.currentThread();
		ClassLoader contextClassLoader = thread.getContextClassLoader();
		if (this.classLoader != null) {
			thread.setContextClassLoader(this.classLoader);
		}
		try {
			String path = request.getPathWithinApplication();
			Servlet servlet = this.mapping.isServletPath(path) ? servletFor(request) : null;
			new ApplicationFilterChain(this.filters, servlet, this.mapping.servletName(), request.getDispatcherType(),
					path)
				.doFilter(request, response);
		}
		finally {
			thread.setContextClassLoader(contextClassLoader);
			threadState.restore();
			if (response.getStatus() == HttpServletResponse.SC_SWITCHING_PROTOCOLS) {
				OpenConnections.upgraded(connections(), request.getRequestURI());
			}
		}
	}

	private Servlet servletFor(DispatchedRequest request) throws ServletException {
		WebApplicationContext context = this.context;
		if (context == null || !MockMvcSupport.isMockMvcRequest(request)) {
			return this.servlet;
		}
		Servlet testServlet = this.testServlet;
		if (testServlet == null) {
			synchronized (this) {
				testServlet = this.testServlet;
				if (testServlet == null) {
					testServlet = MockMvcSupport.createTestServlet(context, this.description);
					testServlet.init(new ApplicationConfig(this.mapping.servletName(), this.servletContext));
					this.testServlet = testServlet;
				}
			}
		}
		return testServlet;
	}

	/**
	 * Close the application's connections, then destroy its filters and servlet, each
	 * through the given step so that one failure never stops the others.
	 * @param step runs one destruction, described for its log message
	 */
	public void destroy(BiConsumer<String, Runnable> step) {
		Thread thread = Thread.currentThread();
		ClassLoader contextClassLoader = thread.getContextClassLoader();
		if (this.classLoader != null) {
			thread.setContextClassLoader(this.classLoader);
		}
		try {
			step.accept("open connections", connections()::closeAll);
			for (ApplicationFilter filter : this.filters) {
				step.accept("filter '" + filter.name() + "'", filter.filter()::destroy);
			}
			step.accept("servlet '" + this.mapping.servletName() + "'", this.servlet::destroy);
		}
		finally {
			thread.setContextClassLoader(contextClassLoader);
		}
	}

	/**
	 * Clear the application's servlet context attributes, once its context is closed.
	 * Caches that outlive the application, such as Boot's soft cache of endpoint exposure
	 * by environment, can keep its environment, and through the servlet context property
	 * source, this servlet context: it must not keep the context.
	 */
	public void clearServletContextAttributes() {
		for (String name : Collections.list(this.servletContext.getAttributeNames())) {
			this.servletContext.removeAttribute(name);
		}
	}

	@Override
	public String toString() {
		return this.description;
	}

}
