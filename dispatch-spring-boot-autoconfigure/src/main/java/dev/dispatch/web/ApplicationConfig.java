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

import java.util.Collections;
import java.util.Enumeration;
import java.util.Map;

import jakarta.servlet.FilterConfig;
import jakarta.servlet.ServletConfig;
import jakarta.servlet.ServletContext;
import org.jspecify.annotations.Nullable;

/**
 * The configuration that an application's filters and servlet are initialized with.
 *
 * @author Dispatch contributors
 */
public final class ApplicationConfig implements FilterConfig, ServletConfig {

	private final String name;

	private final ServletContext servletContext;

	private final Map<String, String> initParameters;

	public ApplicationConfig(String name, ServletContext servletContext) {
		this(name, servletContext, Collections.emptyMap());
	}

	public ApplicationConfig(String name, ServletContext servletContext, Map<String, String> initParameters) {
		this.name = name;
		this.servletContext = servletContext;
		this.initParameters = initParameters;
	}

	@Override
	public String getFilterName() {
		return this.name;
	}

	@Override
	public String getServletName() {
		return this.name;
	}

	@Override
	public ServletContext getServletContext() {
		return this.servletContext;
	}

	@Override
	public @Nullable String getInitParameter(String name) {
		return this.initParameters.get(name);
	}

	@Override
	public Enumeration<String> getInitParameterNames() {
		return Collections.enumeration(this.initParameters.keySet());
	}

}
