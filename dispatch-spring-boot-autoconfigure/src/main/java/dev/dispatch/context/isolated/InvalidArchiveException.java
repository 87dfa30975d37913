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

package dev.dispatch.context.isolated;

import org.jspecify.annotations.Nullable;

import org.springframework.core.io.Resource;

/**
 * Thrown when the location of an application that runs in a class loader of its own does
 * not hold an executable Spring Boot 4 jar. For internal use only.
 *
 * @author Dispatch contributors
 */
public class InvalidArchiveException extends RuntimeException {

	private final String property;

	private final String action;

	InvalidArchiveException(String property, Resource location, String problem, String action) {
		this(property, location, problem, action, null);
	}

	InvalidArchiveException(String property, Resource location, String problem, String action,
			@Nullable Throwable cause) {
		super("'" + property + "' is " + location.getDescription() + ", which " + problem, cause);
		this.property = property;
		this.action = action;
	}

	/**
	 * Return the property that names the location.
	 * @return the property
	 */
	public String getProperty() {
		return this.property;
	}

	/**
	 * Return what to do.
	 * @return the action
	 */
	public String getAction() {
		return this.action;
	}

}
