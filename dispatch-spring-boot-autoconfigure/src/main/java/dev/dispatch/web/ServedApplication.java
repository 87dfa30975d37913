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

import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletResponse;

/**
 * A started instance of a dispatched application, as the request path sees it: what it
 * serves requests with, and the count of the requests it serves, which it closes after.
 * For internal use only.
 *
 * @author Dispatch contributors
 */
public interface ServedApplication {

	/**
	 * Return what the instance serves requests with: its servlet context, filters and
	 * servlet.
	 * @return its servlet side
	 */
	ServletApplication servlets();

	/**
	 * Serve a request that was entered when the instance was acquired, or by
	 * {@link #enter()}, and let it out when it completes.
	 * @param request the request as the application sees it
	 * @param response the response
	 * @throws IOException on I/O errors
	 * @throws ServletException on servlet errors
	 */
	void serve(DispatchedRequest request, HttpServletResponse response) throws IOException, ServletException;

	/**
	 * Let in a later dispatch (async, error, forward) of a request that the instance
	 * owns, even while it is stopping: it is part of an in-flight request.
	 */
	void enter();

}
