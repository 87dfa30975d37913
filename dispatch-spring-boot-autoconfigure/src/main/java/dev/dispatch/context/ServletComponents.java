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

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import dev.dispatch.application.ApplicationDefinition;
import dev.dispatch.web.ApplicationConfig;
import dev.dispatch.web.ApplicationFilter;
import dev.dispatch.web.ErrorPages;
import dev.dispatch.web.ServletApplication;
import dev.dispatch.web.ServletMapping;
import jakarta.servlet.Filter;
import jakarta.servlet.Servlet;
import jakarta.servlet.ServletContext;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.web.servlet.AbstractFilterRegistrationBean;
import org.springframework.boot.web.servlet.RegistrationBean;
import org.springframework.boot.web.servlet.ServletContextInitializer;
import org.springframework.boot.web.servlet.ServletContextInitializerBeans;
import org.springframework.boot.web.servlet.ServletListenerRegistrationBean;
import org.springframework.boot.web.servlet.ServletRegistrationBean;
import org.springframework.util.Assert;
import org.springframework.util.ClassUtils;
import org.springframework.web.context.ConfigurableWebApplicationContext;
import org.springframework.web.context.WebApplicationContext;
import org.springframework.web.servlet.DispatcherServlet;

/**
 * Applies what a started application registers on its servlet context, as a container
 * applies a web application's initializers: its filters are kept to run for its requests,
 * the mapping of its {@code DispatcherServlet} gives its servlet path, its error page
 * registrars its error pages, and its other initializers run. What only the container
 * could honour (other servlets, listeners) fails the start.
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
	 * @param context the application's context, refreshed
	 * @param definition the application
	 * @return its servlet side
	 * @throws Exception if a filter or the servlet fails to initialize, or the
	 * application registers what only the container could honour
	 */
	static ServletApplication apply(ConfigurableWebApplicationContext context, ApplicationDefinition definition)
			throws Exception {
		String servletName = dispatcherServletName(context);
		Servlet servlet = (servletName != null) ? context.getBean(servletName, DispatcherServlet.class)
				: new DispatcherServlet(context);
		servletName = (servletName != null) ? servletName : DISPATCHER_SERVLET_NAME;
		List<ApplicationFilter> filters = new ArrayList<>();
		ServletMapping mapping = new ServletMapping("", servletName);
		ServletContext servletContext = context.getServletContext();
		for (ServletContextInitializer initializer : new ServletContextInitializerBeans(context.getBeanFactory())) {
			if (initializer instanceof RegistrationBean registration && !registration.isEnabled()) {
				continue;
			}
			if (initializer instanceof AbstractFilterRegistrationBean<?> registration) {
				Filter filter = registration.getFilter();
				if (filter != null) {
					filter.init(new ApplicationConfig(registration.getFilterName(), servletContext,
							registration.getInitParameters()));
					filters.add(new ApplicationFilter(registration.getFilterName(), filter,
							registration.determineDispatcherTypes(), urlPatterns(registration),
							servletNames(registration)));
				}
			}
			else if (initializer instanceof ServletRegistrationBean<?> registration) {
				Assert.state(registration.getServlet() == servlet, () -> "The " + definition.description()
						+ " registers the servlet '" + registration.getServletName() + "': a dispatched application "
						+ "serves its requests with its DispatcherServlet only. Serve that servlet from the default "
						+ "application, or its requests with a Spring MVC handler");
				mapping = ServletMapping.of(registration.getUrlMappings(), servletName, definition.description());
			}
			else if (initializer instanceof ServletListenerRegistrationBean<?> registration) {
				throw new IllegalStateException("The " + definition.description() + " registers the servlet listener "
						+ ClassUtils.getUserClass(registration.getListener()).getName() + ": the container notifies "
						+ "only the default application's listeners. Declare it in the default application");
			}
			else {
				initializer.onStartup(servletContext);
			}
		}
		servlet.init(new ApplicationConfig(servletName, servletContext));
		return new ServletApplication(definition.description(), servletContext, context, null, filters, servlet,
				mapping, ErrorPages.of(context.getBeanFactory()),
				definition.shareSession() ? null : definition.configurationPrefix(),
				!definition.guardedByDefaultApplication());
	}

	private static List<String> urlPatterns(AbstractFilterRegistrationBean<?> registration) {
		if (registration.getUrlPatterns().isEmpty() && servletNames(registration).isEmpty()) {
			return List.of("/*");
		}
		return List.copyOf(registration.getUrlPatterns());
	}

	private static List<String> servletNames(AbstractFilterRegistrationBean<?> registration) {
		List<String> names = new ArrayList<>(registration.getServletNames());
		registration.getServletRegistrationBeans().forEach((servlet) -> names.add(servlet.getServletName()));
		return names;
	}

	private static @Nullable String dispatcherServletName(WebApplicationContext context) {
		List<String> names = Arrays.asList(context.getBeanNamesForType(DispatcherServlet.class, false, false));
		if (names.contains(DISPATCHER_SERVLET_NAME) || names.isEmpty()) {
			return names.isEmpty() ? null : DISPATCHER_SERVLET_NAME;
		}
		if (names.size() == 1) {
			return names.get(0);
		}
		throw new IllegalStateException(
				"Found DispatcherServlet beans " + names + " and none is named '" + DISPATCHER_SERVLET_NAME
						+ "': name the one that serves the application '" + DISPATCHER_SERVLET_NAME + "'");
	}

}
