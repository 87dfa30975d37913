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
import java.util.List;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.FilterChain;
import jakarta.servlet.GenericServlet;
import jakarta.servlet.Servlet;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;

/**
 * An application's filters that apply to a request, in order, then its servlet, or a 404
 * for a path that its servlet does not serve. As a container's, the chain matches the
 * filters against the request as it was dispatched, whatever wrappers the filters pass
 * on.
 *
 * @author Dispatch contributors
 */
final class ApplicationFilterChain implements FilterChain {

	private final List<ApplicationFilter> filters;

	private final Servlet servlet;

	private final DispatcherType dispatcherType;

	private final String path;

	private final @Nullable String servletName;

	private int position;

	/**
	 * Create a chain for one dispatch of a request.
	 * @param filters the application's filters, in order
	 * @param servlet the servlet that serves the request, if one does
	 * @param servletName the name of that servlet
	 * @param dispatcherType the dispatch's type
	 * @param path the path within the application
	 */
	ApplicationFilterChain(List<ApplicationFilter> filters, @Nullable Servlet servlet, String servletName,
			DispatcherType dispatcherType, String path) {
		this.filters = filters;
		this.servlet = (servlet != null) ? servlet : NotFound.INSTANCE;
		this.servletName = (servlet != null) ? servletName : null;
		this.dispatcherType = dispatcherType;
		this.path = path;
	}

	@Override
	public void doFilter(ServletRequest request, ServletResponse response) throws IOException, ServletException {
		while (this.position < this.filters.size()) {
			ApplicationFilter filter = this.filters.get(this.position++);
			if (filter.matches(this.dispatcherType, this.path, this.servletName)) {
				filter.filter().doFilter(request, response, this);
				return;
			}
		}
		this.servlet.service(request, response);
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
