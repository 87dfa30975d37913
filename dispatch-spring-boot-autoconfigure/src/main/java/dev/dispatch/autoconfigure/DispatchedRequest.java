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

import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.ServletContext;
import jakarta.servlet.http.HttpServletMapping;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpSession;
import org.jspecify.annotations.Nullable;

import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.ServletRequestPathUtils;
import org.springframework.web.util.UrlPathHelper;

/**
 * A request as a dispatched application sees it, as if its {@code DispatcherServlet} were
 * mapped to {@code /*} in a web application of its own: the context path is the default
 * application's plus the mount path, the servlet path is empty and the path info is the
 * rest. The request URI is the container's, so that Spring MVC, which parses it again,
 * finds the context path at its start.
 * <p>
 * Spring caches the parsed request path in request attributes; this request keeps its own
 * copies so that the application neither reads the default application's nor leaves its
 * own behind. Filters mark a request that they have filtered with an attribute
 * ({@code <filter name>.FILTERED} for Spring's {@code OncePerRequestFilter},
 * {@code <filter class>.APPLIED} for Spring Security's) and then let it pass untouched: the
 * application's marks are kept with the request's {@link Route}, apart from the
 * container's attributes, so that its filters run once for its part of the request even
 * when the default application has filters of the same names, and see their own marks in
 * the request's later dispatches.
 *
 * @author Dispatch contributors
 */
final class DispatchedRequest extends HttpServletRequestWrapper {

	private static final String INCLUDE_ATTRIBUTE_PREFIX = "jakarta.servlet.include.";

	private static final String FILTERED_SUFFIX = OncePerRequestFilter.ALREADY_FILTERED_SUFFIX;

	private static final String APPLIED_SUFFIX = ".APPLIED";

	// Spring Security's older filters mark requests as "__spring_security_..._applied"
	// or "..._filterApplied"
	private static final String SPRING_SECURITY_PREFIX = "__spring_security_";

	private static final String LEGACY_APPLIED_SUFFIX = "applied";

	private final Route route;

	private final String pathInfo;

	private final String requestUri;

	private @Nullable Object parsedRequestPath;

	private @Nullable Object lookupPath;

	private @Nullable HttpServletMapping mapping;

	DispatchedRequest(HttpServletRequest request, Route route, String pathInfo, String requestUri) {
		super(request);
		this.route = route;
		this.pathInfo = pathInfo;
		this.requestUri = requestUri;
	}

	@Override
	public String getContextPath() {
		return this.route.contextPath();
	}

	@Override
	public String getServletPath() {
		return "";
	}

	@Override
	public String getPathInfo() {
		return this.pathInfo;
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
			mapping = this.route.child().mapping(this.pathInfo);
			this.mapping = mapping;
		}
		return mapping;
	}

	@Override
	public ServletContext getServletContext() {
		return this.route.child().getServletContext();
	}

	@Override
	public @Nullable HttpSession getSession(boolean create) {
		HttpSession session = super.getSession(create);
		return (session != null) ? this.route.child().session(session) : null;
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
		if (isFilterMarker(name)) {
			return this.route.getFilterMark(name);
		}
		if (name.startsWith(INCLUDE_ATTRIBUTE_PREFIX) && getDispatcherType() == DispatcherType.INCLUDE) {
			Object include = getIncludeAttribute(name);
			if (include != null) {
				return include;
			}
		}
		return super.getAttribute(name);
	}

	private @Nullable Object getIncludeAttribute(String name) {
		return switch (name) {
			case RequestDispatcher.INCLUDE_CONTEXT_PATH -> getContextPath();
			case RequestDispatcher.INCLUDE_SERVLET_PATH -> "";
			case RequestDispatcher.INCLUDE_PATH_INFO -> includePath();
			case RequestDispatcher.INCLUDE_REQUEST_URI -> getContextPath() + DispatchPaths.encode(includePath());
			case RequestDispatcher.INCLUDE_MAPPING -> this.route.child().mapping(includePath());
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
	 * application's own filter marks under the names it set them with, no other
	 * application's, and the parsed request path only once the application has cached its
	 * own.
	 */
	@Override
	public Enumeration<String> getAttributeNames() {
		List<String> names = new ArrayList<>(this.route.filterMarkNames());
		for (Enumeration<String> containerNames = super.getAttributeNames(); containerNames.hasMoreElements();) {
			String name = containerNames.nextElement();
			if (!isFilterMarker(name) && !ServletRequestPathUtils.PATH_ATTRIBUTE.equals(name)
					&& !UrlPathHelper.PATH_ATTRIBUTE.equals(name)) {
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
		if (ServletRequestPathUtils.PATH_ATTRIBUTE.equals(name)) {
			this.parsedRequestPath = value;
			return;
		}
		if (UrlPathHelper.PATH_ATTRIBUTE.equals(name)) {
			this.lookupPath = value;
			return;
		}
		if (isFilterMarker(name)) {
			if (value != null) {
				this.route.setFilterMark(name, value);
			}
			else {
				this.route.removeFilterMark(name);
			}
			return;
		}
		super.setAttribute(name, value);
	}

	@Override
	public void removeAttribute(String name) {
		if (ServletRequestPathUtils.PATH_ATTRIBUTE.equals(name)) {
			this.parsedRequestPath = null;
			return;
		}
		if (UrlPathHelper.PATH_ATTRIBUTE.equals(name)) {
			this.lookupPath = null;
			return;
		}
		if (isFilterMarker(name)) {
			this.route.removeFilterMark(name);
			return;
		}
		super.removeAttribute(name);
	}

	private static boolean isFilterMarker(String name) {
		return name.endsWith(FILTERED_SUFFIX) || name.endsWith(APPLIED_SUFFIX)
				|| (name.startsWith(SPRING_SECURITY_PREFIX) && name.regionMatches(true,
						name.length() - LEGACY_APPLIED_SUFFIX.length(), LEGACY_APPLIED_SUFFIX, 0,
						LEGACY_APPLIED_SUFFIX.length()));
	}

}
