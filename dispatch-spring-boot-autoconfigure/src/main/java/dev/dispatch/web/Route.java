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

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.jspecify.annotations.Nullable;

/**
 * The routing decision for a request, kept in a request attribute so that the request's
 * later dispatches (async, error, forward, include) reach the same application with the
 * same view of the request. It also keeps the application's own request attributes: no
 * other application sees them, and they must outlive each dispatch's request wrapper.
 *
 * @author Dispatch contributors
 */
final class Route {

	static final String ATTRIBUTE = Route.class.getName();

	private final ServedApplication application;

	private final String contextPath;

	private final String path;

	private final String requestUri;

	// A request's dispatches run on container threads one at a time, but an async
	// request's handler may set attributes on a thread of its own
	private final Map<String, Object> attributes = new ConcurrentHashMap<>();

	/**
	 * Create a route.
	 * @param application the started application that owns the request
	 * @param contextPath the application's context path, in the raw form that starts the
	 * request URI
	 * @param path the decoded path within the application
	 * @param requestUri the request URI when the request was first routed
	 */
	Route(ServedApplication application, String contextPath, String path, String requestUri) {
		this.application = application;
		this.contextPath = contextPath;
		this.path = path;
		this.requestUri = requestUri;
	}

	ServedApplication application() {
		return this.application;
	}

	ServletApplication servlets() {
		return this.application.servlets();
	}

	String contextPath() {
		return this.contextPath;
	}

	String path() {
		return this.path;
	}

	String requestUri() {
		return this.requestUri;
	}

	@Nullable Object getAttribute(String name) {
		return this.attributes.get(name);
	}

	void setAttribute(String name, Object value) {
		this.attributes.put(name, value);
	}

	void removeAttribute(String name) {
		this.attributes.remove(name);
	}

	Set<String> attributeNames() {
		return this.attributes.keySet();
	}

}
