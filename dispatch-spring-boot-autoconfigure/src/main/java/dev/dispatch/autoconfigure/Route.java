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

/**
 * The routing decision for a request, kept in a request attribute so that the request's
 * later dispatches (async, error, forward, include) reach the same application with the
 * same view of the request.
 *
 * @param child the application that owns the request
 * @param contextPath the application's context path, in the raw form that starts the
 * request URI
 * @param pathInfo the decoded path within the application
 * @param requestUri the request URI when the request was first routed
 * @author Dispatch contributors
 */
record Route(RunningChild child, String contextPath, String pathInfo, String requestUri) {

	static final String ATTRIBUTE = Route.class.getName();

}
