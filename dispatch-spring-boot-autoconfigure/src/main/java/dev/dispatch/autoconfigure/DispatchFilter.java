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

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletRequestWrapper;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;

/**
 * Routes each request to the application mounted under the longest matching path, or
 * down the filter chain to the default application when none matches. The routing
 * decision is kept in a request attribute, so a request's later dispatches (async, error,
 * forward, include) go to the same application.
 *
 * @author Dispatch contributors
 */
final class DispatchFilter implements Filter {

	private final MountMatcher<ChildApplication> mounts;

	DispatchFilter(MountMatcher<ChildApplication> mounts) {
		this.mounts = mounts;
	}

	@Override
	public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
			throws IOException, ServletException {
		if (request instanceof HttpServletRequest httpRequest && response instanceof HttpServletResponse httpResponse) {
			doFilter(httpRequest, httpResponse, chain);
		}
		else {
			chain.doFilter(request, response);
		}
	}

	private void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws IOException, ServletException {
		Route route = (Route) request.getAttribute(Route.ATTRIBUTE);
		if (route != null) {
			redispatch(route, request, response);
		}
		else if (request.getDispatcherType() == DispatcherType.REQUEST) {
			dispatch(request, response, chain);
		}
		else {
			chain.doFilter(request, response);
		}
	}

	private void dispatch(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws IOException, ServletException {
		String path = DispatchPaths.normalize(DispatchPaths.pathWithinApplication(request));
		if (path == null) {
			response.sendError(HttpServletResponse.SC_BAD_REQUEST);
			return;
		}
		ChildApplication application = this.mounts.match(path);
		if (application == null) {
			chain.doFilter(request, response);
			return;
		}
		String mountPath = application.getDefinition().path();
		String rawPath = DispatchPaths.rawPathWithinApplication(request);
		int rawLength = DispatchPaths.rawPrefixLength(rawPath, mountPath);
		if (rawLength == -1 || !DispatchPaths.isClean(rawPath, rawLength)) {
			response.sendError(HttpServletResponse.SC_BAD_REQUEST);
			return;
		}
		if (path.length() == mountPath.length()) {
			redirectToRoot(request, response);
			return;
		}
		RunningChild child;
		try {
			child = application.getOrStart();
		}
		catch (ChildUnavailableException ex) {
			unavailable(response, ex);
			return;
		}
		Route route = new Route(child, request.getContextPath() + rawPath.substring(0, rawLength),
				path.substring(mountPath.length()), request.getRequestURI());
		request.setAttribute(Route.ATTRIBUTE, route);
		child.service(new DispatchedRequest(request, route, route.pathInfo(), route.requestUri()), response);
	}

	/**
	 * Serve a later dispatch of a routed request. Async dispatches see the request as it
	 * was first routed; forwards and error dispatches see their target path within the
	 * application. The request that arrives may be the application's own wrapper, which
	 * the container reuses, and which is replaced by a fresh one.
	 */
	private void redispatch(Route route, HttpServletRequest request, HttpServletResponse response)
			throws IOException, ServletException {
		HttpServletRequest container = unwrap(request);
		DispatchedRequest dispatched = switch (request.getDispatcherType()) {
			case FORWARD, ERROR -> {
				String target = DispatchPaths.pathWithinApplication(container);
				yield new DispatchedRequest(container, route, target, route.contextPath() + DispatchPaths.encode(target));
			}
			default -> new DispatchedRequest(container, route, route.pathInfo(), route.requestUri());
		};
		route.child().service(dispatched, response);
	}

	private static HttpServletRequest unwrap(HttpServletRequest request) {
		ServletRequest candidate = request;
		while (candidate instanceof ServletRequestWrapper wrapper) {
			if (candidate instanceof DispatchedRequest) {
				return (HttpServletRequest) wrapper.getRequest();
			}
			candidate = wrapper.getRequest();
		}
		return request;
	}

	private static void redirectToRoot(HttpServletRequest request, HttpServletResponse response) throws IOException {
		// As a container does for a context root: keep the raw path and the query
		String query = request.getQueryString();
		response.sendRedirect(request.getRequestURI() + "/" + ((query != null) ? "?" + query : ""));
	}

	private static void unavailable(HttpServletResponse response, ChildUnavailableException ex) throws IOException {
		response.setStatus(HttpServletResponse.SC_SERVICE_UNAVAILABLE);
		response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(ex.getRetryAfterSeconds()));
		response.setContentType(MediaType.TEXT_PLAIN_VALUE);
		response.setCharacterEncoding(StandardCharsets.UTF_8.name());
		response.getWriter().print(ex.getMessage());
	}

}
