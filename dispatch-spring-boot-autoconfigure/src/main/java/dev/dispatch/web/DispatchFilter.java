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
import java.nio.charset.StandardCharsets;

import dev.dispatch.web.Router.Candidates;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletRequestWrapper;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;

/**
 * Routes each request to a subdomain tenant, the application mounted under the longest
 * matching path or a path tenant, or down the filter chain to the default application
 * when none of them claims it: the {@link Router} says which applications the request
 * could be for, the tenant groups say whether a key names a tenant, the application is
 * acquired, started if need be, and serves the request. The routing decision is kept in a
 * request attribute, so that a request's later dispatches (async, error, forward,
 * include) go to the same application. For internal use only.
 *
 * @author Dispatch contributors
 */
public final class DispatchFilter implements Filter {

	private final Router<DispatchTarget> router;

	private final @Nullable TenantTargets subdomainTenants;

	private final @Nullable TenantTargets pathTenants;

	/**
	 * Create a dispatch filter.
	 * @param router the router, whose mounts map to their applications
	 * @param subdomainTenants the tenants by subdomain, if the router has a domain
	 * @param pathTenants the tenants by path, if the router has a path prefix
	 */
	public DispatchFilter(Router<DispatchTarget> router, @Nullable TenantTargets subdomainTenants,
			@Nullable TenantTargets pathTenants) {
		this.router = router;
		this.subdomainTenants = subdomainTenants;
		this.pathTenants = pathTenants;
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
		// A later dispatch may come with the application's view of the request, which
		// keeps the application's attributes apart from the container's
		HttpServletRequest container = unwrap(request);
		Route route = (Route) container.getAttribute(Route.ATTRIBUTE);
		if (route != null) {
			redispatch(route, container, request.getDispatcherType(), response);
		}
		else if (request.getDispatcherType() == DispatcherType.REQUEST) {
			try {
				dispatch(request, response, chain);
			}
			catch (ApplicationUnavailableException ex) {
				unavailable(response, ex);
			}
		}
		else {
			chain.doFilter(request, response);
		}
	}

	/**
	 * Route a request: a subdomain tenant takes the whole request, then the longest
	 * mount, then a path tenant, then the default application.
	 * @param request the request
	 * @param response the response
	 * @param chain the default application's filter chain
	 * @throws IOException on I/O errors
	 * @throws ServletException on servlet errors
	 * @throws ApplicationUnavailableException if the application that the request is for
	 * is not available, or its tenant group cannot tell whether a key names a tenant
	 */
	private void dispatch(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws IOException, ServletException {
		String path = DispatchPaths.normalize(DispatchPaths.pathWithinApplication(request));
		if (path == null) {
			response.sendError(HttpServletResponse.SC_BAD_REQUEST);
			return;
		}
		Candidates<DispatchTarget> candidates = this.router.route(path, request.getServerName());
		String subdomainKey = candidates.subdomainKey();
		if (subdomainKey != null) {
			DispatchTarget tenant = find(this.subdomainTenants, subdomainKey);
			if (tenant != null) {
				dispatch(request, response, path, "", tenant);
				return;
			}
			if (candidates.unknownSubdomainNotFound()) {
				response.sendError(HttpServletResponse.SC_NOT_FOUND);
				return;
			}
		}
		Router.Mount<DispatchTarget> mount = candidates.mount();
		if (mount != null) {
			dispatch(request, response, path, mount.path(), mount.value());
			return;
		}
		String pathKey = candidates.pathKey();
		DispatchTarget tenant = (pathKey != null) ? find(this.pathTenants, pathKey) : null;
		if (tenant != null) {
			dispatch(request, response, path, candidates.pathTenantPath(), tenant);
			return;
		}
		chain.doFilter(request, response);
	}

	private static @Nullable DispatchTarget find(@Nullable TenantTargets tenants, String key) {
		return (tenants != null && !key.isEmpty()) ? tenants.find(key) : null;
	}

	// Dispatch a request to the application whose context path is the default
	// application's plus the given application path ("" for a subdomain tenant).
	private void dispatch(HttpServletRequest request, HttpServletResponse response, String path, String applicationPath,
			DispatchTarget target) throws IOException, ServletException {
		String rawPath = DispatchPaths.rawPathWithinApplication(request);
		int rawLength = DispatchPaths.rawPrefixLength(rawPath, applicationPath);
		if (rawLength == -1 || !DispatchPaths.isClean(rawPath, rawLength)) {
			response.sendError(HttpServletResponse.SC_BAD_REQUEST);
			return;
		}
		if (path.length() == applicationPath.length()) {
			redirectToRoot(request, response);
			return;
		}
		ServedApplication application = target.acquire();
		Route route = new Route(application, contextPath(request, rawPath, rawLength, applicationPath),
				path.substring(applicationPath.length()), request.getRequestURI());
		request.setAttribute(Route.ATTRIBUTE, route);
		application.serve(new DispatchedRequest(request, route, route.path(), route.requestUri()), response);
	}

	private static String contextPath(HttpServletRequest request, String rawPath, int rawLength,
			String applicationPath) {
		// Usually the raw prefix is the application's path as configured: no copy then
		String rawPrefix = (rawLength == applicationPath.length() && rawPath.startsWith(applicationPath))
				? applicationPath : rawPath.substring(0, rawLength);
		String containerContextPath = request.getContextPath();
		return containerContextPath.isEmpty() ? rawPrefix : containerContextPath + rawPrefix;
	}

	// Serve a later dispatch of a routed request. Async dispatches see the request as it
	// was first routed; forwards see their target path within the application, and error
	// dispatches the application's own error page, where it has one, as the container
	// chose the default application's. The request that arrives may be the application's
	// own wrapper, which the container reuses, and which is replaced by a fresh one.
	private void redispatch(Route route, HttpServletRequest container, DispatcherType dispatcherType,
			HttpServletResponse response) throws IOException, ServletException {
		DispatchedRequest dispatched = switch (dispatcherType) {
			case FORWARD, ERROR -> {
				String target = (dispatcherType == DispatcherType.ERROR) ? errorPagePath(route, container) : null;
				target = (target != null) ? target : DispatchPaths.pathWithinApplication(container);
				yield new DispatchedRequest(container, route, target,
						route.contextPath() + DispatchPaths.encode(target));
			}
			default -> new DispatchedRequest(container, route, route.path(), route.requestUri());
		};
		route.application().enter();
		route.application().serve(dispatched, response);
	}

	private static @Nullable String errorPagePath(Route route, HttpServletRequest container) {
		Object exception = container.getAttribute(RequestDispatcher.ERROR_EXCEPTION);
		Object status = container.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
		return route.servlets()
			.errorPagePath((exception instanceof Throwable throwable) ? throwable : null,
					(status instanceof Integer code) ? code : HttpServletResponse.SC_INTERNAL_SERVER_ERROR);
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

	private static void unavailable(HttpServletResponse response, ApplicationUnavailableException ex)
			throws IOException {
		response.setStatus(HttpServletResponse.SC_SERVICE_UNAVAILABLE);
		response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(ex.getRetryAfterSeconds()));
		response.setContentType(MediaType.TEXT_PLAIN_VALUE);
		response.setCharacterEncoding(StandardCharsets.UTF_8.name());
		response.getWriter().print(ex.getMessage());
	}

}
