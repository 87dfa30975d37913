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

import java.lang.reflect.Constructor;

import jakarta.servlet.Servlet;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;

import org.springframework.util.ClassUtils;
import org.springframework.util.ReflectionUtils;
import org.springframework.web.context.WebApplicationContext;

/**
 * Lets MockMvc's requests reach a dispatched application as they reach the default one.
 * MockMvc reads the handler, the model and async results from its own
 * {@code TestDispatcherServlet}, which only ever sees the default application; a
 * dispatched application serves MockMvc's requests with a {@code TestDispatcherServlet}
 * of its own, which makes {@code asyncDispatch(...)}, {@code handler()} and
 * {@code model()} work for it.
 * <p>
 * This relies on two package-private details of spring-test (checked against Spring
 * Framework 7.0): the name of {@code MockMvc.MVC_RESULT_ATTRIBUTE}, the request attribute
 * that tells a MockMvc request, and the constructor of
 * {@code TestDispatcherServlet(WebApplicationContext)}. If either changes, MockMvc
 * requests to dispatched applications fail with a {@code ServletException} that says so
 * (real servers are unaffected); {@code MockMvcSupportTests} fails on such an upgrade.
 *
 * @author Dispatch contributors
 */
final class MockMvcSupport {

	static final String TEST_DISPATCHER_SERVLET_CLASS = "org.springframework.test.web.servlet.TestDispatcherServlet";

	private MockMvcSupport() {
	}

	static boolean isMockMvcRequest(HttpServletRequest request) {
		return request.getAttribute(ContainerAttributes.MOCK_MVC_RESULT_ATTRIBUTE) != null;
	}

	/**
	 * Create a {@code TestDispatcherServlet} for an application.
	 * @param context the application's context
	 * @param description how errors refer to the application
	 * @return the servlet, not initialized
	 * @throws ServletException if spring-test's servlet cannot be created
	 */
	static Servlet createTestServlet(WebApplicationContext context, String description) throws ServletException {
		try {
			Class<?> type = ClassUtils.forName(TEST_DISPATCHER_SERVLET_CLASS, context.getClassLoader());
			Constructor<?> constructor = type.getDeclaredConstructor(WebApplicationContext.class);
			ReflectionUtils.makeAccessible(constructor);
			return (Servlet) constructor.newInstance(context);
		}
		catch (ReflectiveOperationException | LinkageError ex) {
			throw new ServletException("Unable to serve a MockMvc request in " + description, ex);
		}
	}

}
