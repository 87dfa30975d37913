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

import jakarta.servlet.http.HttpServletMapping;
import jakarta.servlet.http.MappingMatch;
import org.jspecify.annotations.Nullable;

/**
 * Where an application's {@code DispatcherServlet} is mapped within the application:
 * every path ({@code /*}), or the paths under a servlet path ({@code /mvc/*}, Boot's
 * {@code spring.mvc.servlet.path=/mvc}). It splits a path within the application into a
 * servlet path and a path info as a container does. For internal use only.
 *
 * @param servletPath {@code ""} for every path, or a prefix such as {@code /mvc}
 * @param servletName the servlet's name
 * @author Dispatch contributors
 */
public record ServletMapping(String servletPath, String servletName) {

	/**
	 * Return the mapping of an application's {@code DispatcherServlet}: every path when
	 * it is mapped to {@code /} or {@code /*}, the paths under {@code /mvc} when it is
	 * mapped to {@code /mvc/*} (Boot's {@code spring.mvc.servlet.path=/mvc}). Spring
	 * Security's matchers are built under the same path, so any other mapping, which the
	 * application would serve otherwise than its security sees it, is refused.
	 * @param mappings the URL mappings of its registration
	 * @param servletName the servlet's name
	 * @param description how the error refers to the application
	 * @return the mapping
	 * @throws IllegalStateException for any other mapping
	 */
	public static ServletMapping of(Collection<String> mappings, String servletName, String description) {
		String mapping = (mappings.size() == 1) ? mappings.iterator().next() : (mappings.isEmpty() ? "/" : "");
		if (mapping.equals("/") || mapping.equals("/*")) {
			return new ServletMapping("", servletName);
		}
		String path = mapping.endsWith("/*") ? mapping.substring(0, mapping.length() - 2) : "";
		if (!path.startsWith("/") || path.contains("*")) {
			throw new IllegalStateException("The " + description + " maps its DispatcherServlet '" + servletName
					+ "' to " + mappings + ": a dispatched application serves its DispatcherServlet under one path, "
					+ "such as '/' or '/mvc/*' (spring.mvc.servlet.path=/mvc)");
		}
		return new ServletMapping(path, servletName);
	}

	/**
	 * Return whether the servlet serves a path within the application. The application
	 * answers other paths with a 404, after its filters, as a container without a default
	 * servlet does.
	 * @param path the path within the application
	 * @return whether its servlet serves the path
	 */
	public boolean isServletPath(String path) {
		String servletPath = this.servletPath;
		return servletPath.isEmpty() || (path.startsWith(servletPath)
				&& (path.length() == servletPath.length() || path.charAt(servletPath.length()) == '/'));
	}

	/**
	 * Return the servlet path of a path within the application.
	 * @param path the path within the application
	 * @return the servlet path: the mapping's, or the whole path for a path that the
	 * servlet does not serve
	 */
	public String servletPathOf(String path) {
		return isServletPath(path) ? this.servletPath : path;
	}

	/**
	 * Return the path info of a path within the application.
	 * @param path the path within the application
	 * @return the rest of the path after the servlet path, or {@code null} if there is
	 * none
	 */
	public @Nullable String pathInfoOf(String path) {
		return (isServletPath(path) && path.length() > this.servletPath.length())
				? path.substring(this.servletPath.length()) : null;
	}

	/**
	 * Return the servlet mapping of a path within the application, as a container would
	 * report it.
	 * @param path the path within the application
	 * @return the mapping
	 */
	public HttpServletMapping mappingOf(String path) {
		if (!isServletPath(path)) {
			return new Mapping("", "/", "default", MappingMatch.DEFAULT);
		}
		String pathInfo = pathInfoOf(path);
		return new Mapping((pathInfo != null) ? pathInfo.substring(1) : "", this.servletPath + "/*", this.servletName,
				MappingMatch.PATH);
	}

	private record Mapping(String matchValue, String pattern, String servletName,
			MappingMatch mappingMatch) implements HttpServletMapping {

		@Override
		public String getMatchValue() {
			return this.matchValue;
		}

		@Override
		public String getPattern() {
			return this.pattern;
		}

		@Override
		public String getServletName() {
			return this.servletName;
		}

		@Override
		public MappingMatch getMappingMatch() {
			return this.mappingMatch;
		}

	}

}
