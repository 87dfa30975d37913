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

package dev.dispatch.context;

import dev.dispatch.application.ApplicationDefinition;
import dev.dispatch.web.DispatchedServletContext;
import dev.dispatch.web.ErrorPages;
import dev.dispatch.web.ServletApplication;
import dev.dispatch.web.ServletMapping;
import dev.dispatch.web.ServletRegistrations;
import dev.dispatch.web.ServletRegistrations.RefusedRegistrationException;
import jakarta.servlet.Servlet;
import jakarta.servlet.ServletContext;

import org.springframework.boot.web.servlet.ServletContextInitializer;
import org.springframework.boot.web.servlet.ServletContextInitializerBeans;
import org.springframework.web.context.ConfigurableWebApplicationContext;
import org.springframework.web.servlet.DispatcherServlet;

/**
 * Applies what a started application registers on its servlet context, as a container
 * applies a web application's initializers: its {@code ServletContextInitializer} beans
 * run against its {@link DispatchedServletContext}, which records its filters and its
 * {@code DispatcherServlet} and refuses what only the container could honour (other
 * servlets, listeners); its error page registrars give its error pages.
 *
 * @author Dispatch contributors
 */
final class ServletComponents {

	private static final String DISPATCHER_SERVLET_NAME = "dispatcherServlet";

	private ServletComponents() {
	}

	/**
	 * Return the servlet side of a started application, its filters and servlet
	 * initialized.
	 * @param context the application's context, refreshed, whose servlet context was
	 * created with registrations
	 * @param definition the application
	 * @return its servlet side
	 * @throws Exception if a filter or the servlet fails to initialize, or the
	 * application registers what only the container could honour
	 */
	static ServletApplication apply(ConfigurableWebApplicationContext context, ApplicationDefinition definition)
			throws Exception {
		ServletContext servletContext = context.getServletContext();
		for (ServletContextInitializer initializer : new ServletContextInitializerBeans(context.getBeanFactory())) {
			try {
				initializer.onStartup(servletContext);
			}
			catch (RuntimeException ex) {
				throw (ex.getCause() instanceof RefusedRegistrationException refused) ? refused : ex;
			}
		}
		ServletRegistrations registrations = DispatchedServletContext.registrations(servletContext);
		// An application without Boot's DispatcherServlet configuration, such as a bare
		// @EnableWebMvc one, is served by a DispatcherServlet of its context
		Servlet servlet = registrations.servlet();
		if (servlet == null) {
			servlet = new DispatcherServlet(context);
			registrations.use(DISPATCHER_SERVLET_NAME, servlet);
		}
		ServletMapping mapping = registrations.mapping();
		registrations.initialize(servletContext);
		return new ServletApplication(definition.description(), servletContext, context, null, registrations.filters(),
				servlet, mapping, ErrorPages.of(context.getBeanFactory()),
				definition.shareSession() ? null : definition.configurationPrefix(),
				!definition.guardedByDefaultApplication());
	}

}
