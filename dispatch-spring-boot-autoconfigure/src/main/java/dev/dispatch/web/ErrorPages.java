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

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.servlet.ServletException;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.boot.web.error.ErrorPage;
import org.springframework.boot.web.error.ErrorPageRegistrar;
import org.springframework.boot.web.error.ErrorPageRegistry;
import org.springframework.core.annotation.AnnotationAwareOrderComparator;

/**
 * A dispatched application's error pages, as its {@link ErrorPageRegistrar} beans
 * register them: Boot's, at the application's {@code spring.web.error.path} under its
 * servlet path, and the application's own. The container knows only the default
 * application's error pages; when it dispatches an error of the application's, the
 * application renders it at the page that it chose itself, as a container would have
 * chosen it: by exception type (its causes included), then by status, then the global
 * page.
 *
 * @author Dispatch contributors
 */
public final class ErrorPages implements ErrorPageRegistry {

	private final Map<Class<?>, String> byException = new HashMap<>();

	private final Map<Integer, String> byStatus = new HashMap<>();

	private @Nullable String global;

	private ErrorPages() {
	}

	/**
	 * Collect an application's error pages.
	 * @param beanFactory the application's bean factory
	 * @return its error pages
	 */
	public static ErrorPages of(ListableBeanFactory beanFactory) {
		ErrorPages errorPages = new ErrorPages();
		List<ErrorPageRegistrar> registrars = new ArrayList<>(
				beanFactory.getBeansOfType(ErrorPageRegistrar.class, false, false).values());
		AnnotationAwareOrderComparator.sort(registrars);
		registrars.forEach((registrar) -> registrar.registerErrorPages(errorPages));
		return errorPages;
	}

	/**
	 * Return no error pages, to add to.
	 * @return error pages
	 */
	public static ErrorPages empty() {
		return new ErrorPages();
	}

	@Override
	public void addErrorPages(ErrorPage... errorPages) {
		for (ErrorPage errorPage : errorPages) {
			add(errorPage.getStatusCode(), errorPage.getException(), errorPage.getPath());
		}
	}

	/**
	 * Add an error page.
	 * @param status the status it is for, or {@code 0}
	 * @param exception the exception it is for, or {@code null}
	 * @param path its path within the application; the global page's when neither a
	 * status nor an exception is given
	 */
	public synchronized void add(int status, @Nullable Class<?> exception, String path) {
		if (exception != null) {
			this.byException.put(exception, path);
		}
		else if (status != 0) {
			this.byStatus.put(status, path);
		}
		else {
			this.global = path;
		}
	}

	/**
	 * Return the path of the page for an error, if the application has one.
	 * @param exception the exception, if the error is one
	 * @param status the response status
	 * @return the page's path within the application, or {@code null}
	 */
	public @Nullable String pathFor(@Nullable Throwable exception, int status) {
		for (Throwable candidate = exception; candidate != null; candidate = cause(candidate)) {
			for (Class<?> type = candidate.getClass(); type != null; type = type.getSuperclass()) {
				String path = this.byException.get(type);
				if (path != null) {
					return path;
				}
			}
		}
		String path = this.byStatus.get(status);
		return (path != null) ? path : this.global;
	}

	private static @Nullable Throwable cause(Throwable exception) {
		// As Tomcat looks again at the root cause of a ServletException only
		return (exception instanceof ServletException servletException) ? servletException.getRootCause() : null;
	}

}
