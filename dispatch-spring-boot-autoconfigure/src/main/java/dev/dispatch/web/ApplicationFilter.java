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

import java.util.Collection;
import java.util.Set;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;
import org.jspecify.annotations.Nullable;

/**
 * A filter that an application declares, with the mapping its registration gives it. The
 * container never sees these filters, so the application applies them itself, with the
 * servlet specification's URL pattern rules.
 *
 * @param name the filter's name
 * @param filter the filter
 * @param dispatcherTypes the dispatcher types it applies to
 * @param urlPatterns the URL patterns it applies to
 * @param servletNames the servlets it applies to
 * @author Dispatch contributors
 */
public record ApplicationFilter(String name, Filter filter, Set<DispatcherType> dispatcherTypes,
		Collection<String> urlPatterns, Collection<String> servletNames) {

	/**
	 * Return whether the filter applies to a request.
	 * @param dispatcherType the request's dispatcher type
	 * @param path its path within the application
	 * @param servletName the name of the servlet that serves it, {@code null} if none
	 * does
	 * @return whether the filter applies
	 */
	public boolean matches(DispatcherType dispatcherType, String path, @Nullable String servletName) {
		if (!this.dispatcherTypes.contains(dispatcherType)) {
			return false;
		}
		if (servletName != null && this.servletNames.contains(servletName)) {
			return true;
		}
		for (String pattern : this.urlPatterns) {
			if (matches(pattern, path)) {
				return true;
			}
		}
		return false;
	}

	static boolean matches(String pattern, String path) {
		if (pattern.equals("/*") || pattern.equals("/")) {
			return true;
		}
		if (pattern.isEmpty()) {
			return path.equals("/");
		}
		if (pattern.endsWith("/*")) {
			int length = pattern.length() - 2;
			return path.startsWith(pattern.substring(0, length))
					&& (path.length() == length || path.charAt(length) == '/');
		}
		if (pattern.startsWith("*.")) {
			int dot = path.lastIndexOf('.');
			return dot > path.lastIndexOf('/') && path.length() - dot == pattern.length() - 1
					&& path.regionMatches(dot + 1, pattern, 2, pattern.length() - 2);
		}
		return pattern.equals(path);
	}

}
