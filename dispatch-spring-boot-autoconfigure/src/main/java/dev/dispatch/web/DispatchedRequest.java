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
import java.security.Principal;
import java.util.Collections;
import java.util.Enumeration;
import java.util.LinkedHashSet;
import java.util.Set;

import jakarta.servlet.AsyncContext;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletRequestWrapper;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletMapping;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import org.jspecify.annotations.Nullable;

import org.springframework.web.util.ServletRequestPathUtils;
import org.springframework.web.util.UrlPathHelper;

/**
 * A request as a dispatched application sees it, as if it were a web application of its
 * own: the context path is the default application's plus the mount path; the servlet
 * path and path info split the rest as the application's {@code DispatcherServlet}
 * mapping does ({@code /*}, or {@code /mvc/*} with {@code spring.mvc.servlet.path=/mvc}).
 * The request URI is the container's, so that Spring MVC, which parses it again, finds
 * the context path at its start.
 * <p>
 * Request attributes are the application's own: it sees those it set, kept with the
 * request's {@link Route} so that its later dispatches see them too, and the
 * {@link ContainerAttributes container's}, but none that the default application or its
 * filters set (Spring Security's saved authentication, "already filtered" marks, Spring
 * MVC's state, user attributes), and the default application sees none of its attributes.
 * Spring caches the parsed request path in request attributes; each dispatch's request
 * keeps its own copies, which belong to the path it serves.
 * <p>
 * Unless the application is guarded by the default application's security, it sees no
 * principal but the container's: the default application's authentication, which its
 * Spring Security exposes through a request wrapper, is not the application's.
 *
 * @author Dispatch contributors
 */
public final class DispatchedRequest extends HttpServletRequestWrapper {

	private static final String INCLUDE_ATTRIBUTE_PREFIX = "jakarta.servlet.include.";

	private final Route route;

	private final String path;

	private final String requestUri;

	private @Nullable Object parsedRequestPath;

	private @Nullable Object lookupPath;

	private @Nullable HttpServletMapping mapping;

	/**
	 * Create the application's view of a request.
	 * @param request the container's request, as the default application's filters pass
	 * it on
	 * @param route the request's route
	 * @param path the decoded path within the application that this dispatch serves
	 * @param requestUri the request URI of this dispatch
	 */
	DispatchedRequest(HttpServletRequest request, Route route, String path, String requestUri) {
		super(request);
		this.route = route;
		this.path = path;
		this.requestUri = requestUri;
	}

	/**
	 * Return the decoded path within the application that this dispatch serves.
	 * @return the servlet path and the path info
	 */
	public String getPathWithinApplication() {
		return this.path;
	}

	@Override
	public String getContextPath() {
		return this.route.contextPath();
	}

	@Override
	public String getServletPath() {
		return this.route.servlets().mapping().servletPathOf(this.path);
	}

	@Override
	public @Nullable String getPathInfo() {
		return this.route.servlets().mapping().pathInfoOf(this.path);
	}

	@Override
	public String getRequestURI() {
		return this.requestUri;
	}

	@Override
	public StringBuffer getRequestURL() {
		StringBuffer url = super.getRequestURL();
		String containerUri = super.getRequestURI();
		if (!containerUri.equals(this.requestUri) && url.toString().endsWith(containerUri)) {
			url.setLength(url.length() - containerUri.length());
			url.append(this.requestUri);
		}
		return url;
	}

	@Override
	public HttpServletMapping getHttpServletMapping() {
		HttpServletMapping mapping = this.mapping;
		if (mapping == null) {
			mapping = this.route.servlets().mapping().mappingOf(this.path);
			this.mapping = mapping;
		}
		return mapping;
	}

	@Override
	public AsyncContext startAsync(ServletRequest request, ServletResponse response) {
		return new ContainerDispatch.Async(super.startAsync(getRequest(), response), request);
	}

	@Override
	public @Nullable RequestDispatcher getRequestDispatcher(String path) {
		// As a container resolves a relative path: against the path of the request
		String target = path;
		if (!path.startsWith("/")) {
			target = this.path.substring(0, this.path.lastIndexOf('/') + 1) + path;
		}
		RequestDispatcher dispatcher = super.getRequestDispatcher(target);
		return (dispatcher != null) ? new ContainerDispatch.Dispatcher(dispatcher) : null;
	}

	@Override
	public ServletContext getServletContext() {
		return this.route.servlets().getServletContext();
	}

	@Override
	public @Nullable HttpSession getSession(boolean create) {
		HttpSession session = super.getSession(create);
		return (session != null) ? this.route.servlets().session(session) : null;
	}

	@Override
	public HttpSession getSession() {
		return getSession(true);
	}

	@Override
	public @Nullable Object getAttribute(String name) {
		if (ServletRequestPathUtils.PATH_ATTRIBUTE.equals(name)) {
			return this.parsedRequestPath;
		}
		if (UrlPathHelper.PATH_ATTRIBUTE.equals(name)) {
			return this.lookupPath;
		}
		if (name.startsWith(INCLUDE_ATTRIBUTE_PREFIX) && getDispatcherType() == DispatcherType.INCLUDE) {
			Object include = getIncludeAttribute(name);
			if (include != null) {
				return include;
			}
		}
		Object value = this.route.getAttribute(name);
		if (value == null && ContainerAttributes.isContainerAttribute(name)) {
			return super.getAttribute(name);
		}
		return value;
	}

	private @Nullable Object getIncludeAttribute(String name) {
		return switch (name) {
			case RequestDispatcher.INCLUDE_CONTEXT_PATH -> getContextPath();
			case RequestDispatcher.INCLUDE_SERVLET_PATH -> this.route.servlets().mapping().servletPathOf(includePath());
			case RequestDispatcher.INCLUDE_PATH_INFO -> this.route.servlets().mapping().pathInfoOf(includePath());
			case RequestDispatcher.INCLUDE_REQUEST_URI -> getContextPath() + DispatchPaths.encode(includePath());
			case RequestDispatcher.INCLUDE_MAPPING -> this.route.servlets().mapping().mappingOf(includePath());
			default -> null;
		};
	}

	private String includePath() {
		Object servletPath = super.getAttribute(RequestDispatcher.INCLUDE_SERVLET_PATH);
		Object pathInfo = super.getAttribute(RequestDispatcher.INCLUDE_PATH_INFO);
		String path = ((servletPath != null) ? servletPath.toString() : "") + ((pathInfo != null) ? pathInfo : "");
		return path.isEmpty() ? "/" : path;
	}

	/**
	 * The names of the attributes that {@link #getAttribute(String)} finds: the
	 * application's own, the container's, and the parsed request path once the
	 * application has cached its own.
	 */
	@Override
	public Enumeration<String> getAttributeNames() {
		Set<String> names = new LinkedHashSet<>(this.route.attributeNames());
		for (Enumeration<String> containerNames = super.getAttributeNames(); containerNames.hasMoreElements();) {
			String name = containerNames.nextElement();
			if (ContainerAttributes.isContainerAttribute(name)) {
				names.add(name);
			}
		}
		if (this.parsedRequestPath != null) {
			names.add(ServletRequestPathUtils.PATH_ATTRIBUTE);
		}
		if (this.lookupPath != null) {
			names.add(UrlPathHelper.PATH_ATTRIBUTE);
		}
		return Collections.enumeration(names);
	}

	@Override
	public void setAttribute(String name, @Nullable Object value) {
		if (value == null) {
			removeAttribute(name);
		}
		else if (ServletRequestPathUtils.PATH_ATTRIBUTE.equals(name)) {
			this.parsedRequestPath = value;
		}
		else if (UrlPathHelper.PATH_ATTRIBUTE.equals(name)) {
			this.lookupPath = value;
		}
		else if (ContainerAttributes.isContainerControl(name)) {
			super.setAttribute(name, value);
		}
		else {
			this.route.setAttribute(name, value);
		}
	}

	@Override
	public void removeAttribute(String name) {
		if (ServletRequestPathUtils.PATH_ATTRIBUTE.equals(name)) {
			this.parsedRequestPath = null;
		}
		else if (UrlPathHelper.PATH_ATTRIBUTE.equals(name)) {
			this.lookupPath = null;
		}
		else if (ContainerAttributes.isContainerControl(name)) {
			super.removeAttribute(name);
		}
		else {
			this.route.removeAttribute(name);
		}
	}

	@Override
	public @Nullable Principal getUserPrincipal() {
		return authenticatingRequest().getUserPrincipal();
	}

	@Override
	public @Nullable String getRemoteUser() {
		return authenticatingRequest().getRemoteUser();
	}

	@Override
	public boolean isUserInRole(String role) {
		return authenticatingRequest().isUserInRole(role);
	}

	@Override
	public @Nullable String getAuthType() {
		return authenticatingRequest().getAuthType();
	}

	@Override
	public boolean authenticate(HttpServletResponse response) throws IOException, ServletException {
		return authenticatingRequest().authenticate(response);
	}

	@Override
	public void login(String username, String password) throws ServletException {
		authenticatingRequest().login(username, password);
	}

	@Override
	public void logout() throws ServletException {
		authenticatingRequest().logout();
	}

	// Return the request that answers who the user is: the default application's view,
	// for an application that its security guards, else the container's own request,
	// below any wrapper of the default application's.
	private HttpServletRequest authenticatingRequest() {
		HttpServletRequest request = (HttpServletRequest) getRequest();
		if (!this.route.servlets().isOwnSecurity()) {
			return request;
		}
		ServletRequest container = request;
		while (container instanceof ServletRequestWrapper wrapper) {
			container = wrapper.getRequest();
		}
		return (container instanceof HttpServletRequest httpRequest) ? httpRequest : request;
	}

}
