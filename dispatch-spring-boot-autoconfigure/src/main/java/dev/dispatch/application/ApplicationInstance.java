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

package dev.dispatch.application;

import java.io.IOException;
import java.lang.reflect.Constructor;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.servlet.AsyncEvent;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.FilterChain;
import jakarta.servlet.GenericServlet;
import jakarta.servlet.Servlet;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletMapping;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import jakarta.servlet.http.MappingMatch;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.util.ClassUtils;
import org.springframework.util.ReflectionUtils;
import org.springframework.web.context.ConfigurableWebApplicationContext;
import org.springframework.web.context.WebApplicationContext;
import dev.dispatch.web.ApplicationFilter;
import dev.dispatch.web.DispatchedServletContext;
import dev.dispatch.web.DispatchedSession;
import dev.dispatch.web.ErrorPages;
import dev.dispatch.web.OpenConnections;
import dev.dispatch.autoconfigure.DispatchProperties.Security;
import dev.dispatch.web.ApplicationConfig;
import dev.dispatch.web.ContainerAttributes;
import dev.dispatch.web.DispatchedRequest;
import dev.dispatch.web.ThreadState;

/**
 * A started application: its context, the filters it declares and the servlet at the end
 * of their chain, usually its {@code DispatcherServlet}. It counts its in-flight requests,
 * an async request until it completes, so that it can close after them.
 *
 * @author Dispatch contributors
 */
public final class ApplicationInstance {

	private static final Log logger = LogFactory.getLog(ApplicationInstance.class);

	private static final String TEST_DISPATCHER_SERVLET_CLASS = "org.springframework.test.web.servlet.TestDispatcherServlet";

	private static final String ASYNC_HOLD_ATTRIBUTE = ApplicationInstance.class.getName() + ".ASYNC_HOLD";

	private final ApplicationDefinition definition;

	private final long sequence;

	private final ConfigurableWebApplicationContext context;

	private final ServletContext servletContext;

	private final List<ApplicationFilter> filters;

	private final String servletName;

	private final Servlet servlet;

	private final String servletPath;

	private final ErrorPages errorPages;

	private final OpenConnections connections;

	private volatile @Nullable Servlet testServlet;

	private final AtomicInteger inFlight = new AtomicInteger();

	private final AtomicBoolean closed = new AtomicBoolean();

	private volatile long lastUsed = System.nanoTime();

	private final Instant startedAt = Instant.now();

	private volatile Duration startupTime = Duration.ZERO;

	private volatile boolean closing;

	private volatile @Nullable Executor closer;

	private final List<Runnable> destroyedActions = new CopyOnWriteArrayList<>();

	/**
	 * Create a started application.
	 * @param definition what the application is made of
	 * @param sequence the number of its start, in the order of all starts
	 * @param context its context
	 * @param filters its filters, in order
	 * @param servletName the name of its servlet
	 * @param servlet its servlet, usually its {@code DispatcherServlet}
	 * @param servletPath the path that the servlet is mapped to, {@code ""} for every path
	 * or a prefix such as {@code /mvc} for {@code /mvc/*}
	 * @param errorPages its error pages
	 */
	public ApplicationInstance(ApplicationDefinition definition, long sequence, ConfigurableWebApplicationContext context,
			List<ApplicationFilter> filters, String servletName, Servlet servlet, String servletPath, ErrorPages errorPages) {
		this.definition = definition;
		this.sequence = sequence;
		this.context = context;
		this.servletContext = context.getServletContext();
		this.filters = filters;
		this.servletName = servletName;
		this.servlet = servlet;
		this.servletPath = servletPath;
		this.errorPages = errorPages;
		this.connections = DispatchedServletContext.openConnections(this.servletContext);
	}

	public ApplicationDefinition getDefinition() {
		return this.definition;
	}

	public long getSequence() {
		return this.sequence;
	}

	public ConfigurableWebApplicationContext getContext() {
		return this.context;
	}

	public ServletContext getServletContext() {
		return this.servletContext;
	}

	/**
	 * Return when the application was last used: when a request last entered it, or now
	 * while it has open connections such as WebSocket sessions.
	 * @return a {@link System#nanoTime()} value
	 */
	public long getLastUsed() {
		return this.connections.lastUsed(this.lastUsed);
	}

	/**
	 * Return the application's open connections, such as WebSocket sessions.
	 * @return the open connections
	 */
	OpenConnections getConnections() {
		return this.connections;
	}

	void started(Duration startupTime) {
		this.startupTime = startupTime;
	}

	public Instant getStartedAt() {
		return this.startedAt;
	}

	public Duration getStartupTime() {
		return this.startupTime;
	}

	public int getInFlight() {
		return this.inFlight.get();
	}

	public HttpSession session(HttpSession session) {
		return this.definition.shareSession() ? session
				: new DispatchedSession(session, this.definition.configurationPrefix(), this.servletContext);
	}

	/**
	 * Return whether the application's servlet serves a path within the application. The
	 * application answers other paths with a 404, after its filters, as a container
	 * without a default servlet does.
	 * @param path the path within the application
	 * @return whether its servlet serves the path
	 */
	boolean isServletPath(String path) {
		String servletPath = this.servletPath;
		return servletPath.isEmpty() || (path.startsWith(servletPath)
				&& (path.length() == servletPath.length() || path.charAt(servletPath.length()) == '/'));
	}

	/**
	 * Return the servlet path of a path within the application.
	 * @param path the path within the application
	 * @return the servlet path: the servlet's mapping, or the whole path for a path that
	 * the servlet does not serve
	 */
	public String servletPathOf(String path) {
		return isServletPath(path) ? this.servletPath : path;
	}

	/**
	 * Return the path info of a path within the application.
	 * @param path the path within the application
	 * @return the rest of the path after the servlet path, or {@code null} if there is
	 * none
	 */
	public @Nullable String pathInfoOf(String path) {
		return (isServletPath(path) && path.length() > this.servletPath.length())
				? path.substring(this.servletPath.length()) : null;
	}

	public HttpServletMapping mapping(String path) {
		if (!isServletPath(path)) {
			return new Mapping("", "/", "default", MappingMatch.DEFAULT);
		}
		String pathInfo = pathInfoOf(path);
		return new Mapping((pathInfo != null) ? pathInfo.substring(1) : "", this.servletPath + "/*", this.servletName,
				MappingMatch.PATH);
	}

	/**
	 * Return the path of the application's own page for an error, if it has error pages.
	 * @param exception the exception, if the error is one
	 * @param status the response status
	 * @return the path within the application, or {@code null}
	 */
	public @Nullable String errorPagePath(@Nullable Throwable exception, int status) {
		return this.errorPages.pathFor(exception, status);
	}

	/**
	 * Let a new request in, unless the application is closing.
	 * @return whether the request may be served; if so, it must be
	 * {@link #serve(DispatchedRequest, HttpServletResponse) served}
	 */
	boolean tryEnter() {
		this.inFlight.incrementAndGet();
		if (this.closing) {
			release();
			return false;
		}
		this.lastUsed = System.nanoTime();
		return true;
	}

	/**
	 * Let in the requests that waited for the application to start, before anything can
	 * close it: they are part of the start.
	 * @param requests the number of requests
	 */
	void enter(int requests) {
		this.inFlight.addAndGet(requests);
		this.lastUsed = System.nanoTime();
	}

	/**
	 * Let out a request that was let in but will not be served.
	 */
	void exit() {
		release();
	}

	/**
	 * Let in a later dispatch (async, error, forward) of a request that the application
	 * owns, even while it is closing: it is part of an in-flight request.
	 */
	public void enter() {
		this.inFlight.incrementAndGet();
	}

	/**
	 * Serve a request that has entered through the application's filters and servlet.
	 * @param request the request as the application sees it
	 * @param response the response
	 * @throws IOException on I/O errors
	 * @throws ServletException on servlet errors
	 */
	public void serve(DispatchedRequest request, HttpServletResponse response) throws IOException, ServletException {
		ThreadState threadState = ThreadState.enter(this.definition.security() == Security.OWN);
		try {
			String path = request.getPathWithinApplication();
			boolean servlet = isServletPath(path);
			new Chain(servlet ? servletFor(request) : NotFound.INSTANCE, request.getDispatcherType(), path,
					servlet ? this.servletName : null)
				.doFilter(request, response);
		}
		finally {
			threadState.restore();
			if (response.getStatus() == HttpServletResponse.SC_SWITCHING_PROTOCOLS) {
				OpenConnections.upgraded(this.connections, request.getRequestURI());
			}
			if (request.isAsyncStarted()) {
				holdUntilComplete(request);
			}
			release();
		}
	}

	private void holdUntilComplete(HttpServletRequest request) {
		if (request.getAttribute(ASYNC_HOLD_ATTRIBUTE) == null) {
			request.setAttribute(ASYNC_HOLD_ATTRIBUTE, Boolean.TRUE);
			this.inFlight.incrementAndGet();
			request.getAsyncContext().addListener(new AsyncCompletion());
		}
	}

	private void release() {
		if (this.inFlight.decrementAndGet() == 0 && this.closing) {
			synchronized (this) {
				notifyAll();
			}
			Executor closer = this.closer;
			if (closer != null) {
				closeOnce(closer);
			}
		}
	}

	/**
	 * MockMvc reads the handler, the model and async results from its own
	 * {@code TestDispatcherServlet}, which only ever sees the default application. So
	 * MockMvc's requests are served by one bound to this application, which makes
	 * {@code asyncDispatch(...)}, {@code handler()} and {@code model()} work for
	 * dispatched applications as they do for the default one.
	 */
	private Servlet servletFor(HttpServletRequest request) throws ServletException {
		if (request.getAttribute(ContainerAttributes.MOCK_MVC_RESULT_ATTRIBUTE) == null) {
			return this.servlet;
		}
		Servlet testServlet = this.testServlet;
		if (testServlet == null) {
			synchronized (this) {
				testServlet = this.testServlet;
				if (testServlet == null) {
					testServlet = createTestServlet();
					this.testServlet = testServlet;
				}
			}
		}
		return testServlet;
	}

	private Servlet createTestServlet() throws ServletException {
		try {
			Class<?> type = ClassUtils.forName(TEST_DISPATCHER_SERVLET_CLASS, this.context.getClassLoader());
			Constructor<?> constructor = type.getDeclaredConstructor(WebApplicationContext.class);
			ReflectionUtils.makeAccessible(constructor);
			Servlet servlet = (Servlet) constructor.newInstance(this.context);
			servlet.init(new ApplicationConfig(this.servletName, this.servletContext));
			return servlet;
		}
		catch (ReflectiveOperationException | LinkageError ex) {
			throw new ServletException("Unable to serve a MockMvc request in " + this.definition.description(), ex);
		}
	}

	/**
	 * Stop letting new requests in and close the application, on the given executor, as
	 * soon as its in-flight requests have finished. Returns at once.
	 * @param executor the executor that closes the application
	 */
	void closeWhenIdle(Executor executor) {
		this.closer = executor;
		this.closing = true;
		if (this.inFlight.get() == 0) {
			closeOnce(executor);
		}
	}

	/**
	 * Stop letting new requests in and close the application once its in-flight requests
	 * have finished, waiting for them at most the given time. Failures are logged, never
	 * thrown, so that closing one application never keeps the others open.
	 * @param timeout the maximum time to wait for in-flight requests
	 */
	public void close(Duration timeout) {
		this.closing = true;
		if (!awaitIdle(timeout)) {
			logger.warn("Closing " + this.definition.description() + " with " + this.inFlight.get()
					+ " requests still in flight after " + timeout.toMillis() + "ms");
		}
		closeOnce(Runnable::run);
	}

	boolean isClosed() {
		return this.closed.get();
	}

	/**
	 * Run the given action once the application is destroyed.
	 * @param action the action
	 */
	void onDestroyed(Runnable action) {
		this.destroyedActions.add(action);
	}

	private void closeOnce(Executor executor) {
		if (this.closed.compareAndSet(false, true)) {
			executor.execute(this::destroy);
		}
	}

	private void destroy() {
		// While the application's beans, which their handlers use, are still alive
		destroy("open connections", this.connections::closeAll);
		for (ApplicationFilter filter : this.filters) {
			destroy("filter '" + filter.name() + "'", filter.filter()::destroy);
		}
		destroy("servlet '" + this.servletName + "'", this.servlet::destroy);
		destroy("context", this.context::close);
		// Caches that outlive the application, such as Boot's soft cache of endpoint
		// exposure by environment, can keep its environment, and through the servlet
		// context property source, this servlet context: it must not keep the context
		destroy("servlet context attributes", this::clearServletContextAttributes);
		this.destroyedActions.forEach(Runnable::run);
	}

	private boolean awaitIdle(Duration timeout) {
		long deadline = System.nanoTime() + timeout.toNanos();
		synchronized (this) {
			while (this.inFlight.get() > 0) {
				long remaining = deadline - System.nanoTime();
				if (remaining <= 0) {
					return false;
				}
				try {
					TimeUnit.NANOSECONDS.timedWait(this, remaining);
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
					return false;
				}
			}
		}
		return true;
	}

	private void clearServletContextAttributes() {
		for (String name : Collections.list(this.servletContext.getAttributeNames())) {
			this.servletContext.removeAttribute(name);
		}
	}

	private void destroy(String what, Runnable action) {
		try {
			action.run();
		}
		catch (RuntimeException ex) {
			logger.warn("Failed to destroy the " + what + " of " + this.definition.description(), ex);
		}
	}

	@Override
	public String toString() {
		return this.definition.description();
	}

	/**
	 * The application's filters that apply to a request, in order, then its servlet.
	 */
	private final class Chain implements FilterChain {

		private final Servlet servlet;

		private final DispatcherType dispatcherType;

		private final String path;

		private final @Nullable String servletName;

		private int position;

		/**
		 * Create a chain that, as a container's, matches the filters against the request
		 * as it is dispatched, whatever wrappers the filters pass on.
		 */
		Chain(Servlet servlet, DispatcherType dispatcherType, String path, @Nullable String servletName) {
			this.servlet = servlet;
			this.dispatcherType = dispatcherType;
			this.path = path;
			this.servletName = servletName;
		}

		@Override
		public void doFilter(ServletRequest request, ServletResponse response) throws IOException, ServletException {
			while (this.position < ApplicationInstance.this.filters.size()) {
				ApplicationFilter filter = ApplicationInstance.this.filters.get(this.position++);
				if (filter.matches(this.dispatcherType, this.path, this.servletName)) {
					filter.filter().doFilter(request, response, this);
					return;
				}
			}
			this.servlet.service(request, response);
		}

	}

	/**
	 * Releases an async request's hold on the application when it completes.
	 */
	private final class AsyncCompletion implements AsyncListener {

		@Override
		public void onComplete(AsyncEvent event) {
			release();
		}

		@Override
		public void onTimeout(AsyncEvent event) {
		}

		@Override
		public void onError(AsyncEvent event) {
		}

		@Override
		public void onStartAsync(AsyncEvent event) {
			// A new async cycle drops the listeners of the previous one
			event.getAsyncContext().addListener(this);
		}

	}

	private record Mapping(String matchValue, String pattern, String servletName,
			MappingMatch mappingMatch) implements HttpServletMapping {

		@Override
		public String getMatchValue() {
			return this.matchValue;
		}

		@Override
		public String getPattern() {
			return this.pattern;
		}

		@Override
		public String getServletName() {
			return this.servletName;
		}

		@Override
		public MappingMatch getMappingMatch() {
			return this.mappingMatch;
		}

	}

	/**
	 * Answers the paths that the application's servlet does not serve.
	 */
	private static final class NotFound extends GenericServlet {

		static final NotFound INSTANCE = new NotFound();

		@Override
		public void service(ServletRequest request, ServletResponse response) throws IOException {
			((HttpServletResponse) response).sendError(HttpServletResponse.SC_NOT_FOUND);
		}

	}

}
