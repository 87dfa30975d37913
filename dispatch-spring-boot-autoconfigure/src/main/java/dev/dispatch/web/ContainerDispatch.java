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

import jakarta.servlet.AsyncContext;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletRequestWrapper;
import jakarta.servlet.ServletResponse;

/**
 * How a dispatched application hands a request back to the container for a later dispatch
 * (async, forward, include): with the default application's view of it, below the
 * application's own. The container then dispatches it through the default application's
 * filters to the dispatch filter like any other request, and the dispatch filter gives
 * the application a fresh view of it for that dispatch. Containers add what a dispatch
 * changes (its type, its target path, its attributes) in a wrapper of their own, Tomcat
 * below the request's wrappers and Jetty above them: either way it is above the default
 * application's view, never hidden under the application's stale one.
 *
 * @author Dispatch contributors
 */
final class ContainerDispatch {

	private ContainerDispatch() {
	}

	/**
	 * Return the default application's view of a request that an application hands to the
	 * container.
	 * @param request the request as the application hands it, possibly in wrappers of its
	 * own
	 * @return the request below the application's view, or the request itself if it is
	 * not an application's
	 */
	static ServletRequest containerView(ServletRequest request) {
		for (ServletRequest candidate = request; candidate instanceof ServletRequestWrapper wrapper; candidate = wrapper
			.getRequest()) {
			if (candidate instanceof DispatchedRequest) {
				return wrapper.getRequest();
			}
		}
		return request;
	}

	/**
	 * A container's request dispatcher, to which an application forwards or includes.
	 */
	static final class Dispatcher implements RequestDispatcher {

		private final RequestDispatcher dispatcher;

		Dispatcher(RequestDispatcher dispatcher) {
			this.dispatcher = dispatcher;
		}

		@Override
		public void forward(ServletRequest request, ServletResponse response) throws ServletException, IOException {
			this.dispatcher.forward(containerView(request), response);
		}

		@Override
		public void include(ServletRequest request, ServletResponse response) throws ServletException, IOException {
			this.dispatcher.include(containerView(request), response);
		}

	}

	/**
	 * The container's async context of a request that an application started async: the
	 * container dispatches the default application's view, and the application finds its
	 * own as the context's request.
	 */
	static final class Async implements AsyncContext {

		private final AsyncContext context;

		private final ServletRequest request;

		Async(AsyncContext context, ServletRequest request) {
			this.context = context;
			this.request = request;
		}

		@Override
		public ServletRequest getRequest() {
			return this.request;
		}

		@Override
		public ServletResponse getResponse() {
			return this.context.getResponse();
		}

		@Override
		public boolean hasOriginalRequestAndResponse() {
			return false;
		}

		@Override
		public void dispatch() {
			this.context.dispatch();
		}

		@Override
		public void dispatch(String path) {
			this.context.dispatch(path);
		}

		@Override
		public void dispatch(ServletContext context, String path) {
			this.context.dispatch(context, path);
		}

		@Override
		public void complete() {
			this.context.complete();
		}

		@Override
		public void start(Runnable run) {
			this.context.start(run);
		}

		@Override
		public void addListener(AsyncListener listener) {
			this.context.addListener(listener);
		}

		@Override
		public void addListener(AsyncListener listener, ServletRequest servletRequest,
				ServletResponse servletResponse) {
			this.context.addListener(listener, servletRequest, servletResponse);
		}

		@Override
		public <T extends AsyncListener> T createListener(Class<T> type) throws ServletException {
			return this.context.createListener(type);
		}

		@Override
		public void setTimeout(long timeout) {
			this.context.setTimeout(timeout);
		}

		@Override
		public long getTimeout() {
			return this.context.getTimeout();
		}

	}

}
