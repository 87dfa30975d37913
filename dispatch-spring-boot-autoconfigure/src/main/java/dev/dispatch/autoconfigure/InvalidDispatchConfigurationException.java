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

import org.jspecify.annotations.Nullable;

/**
 * Thrown when the {@code dispatch.*} configuration is invalid.
 *
 * @author Dispatch contributors
 */
public class InvalidDispatchConfigurationException extends RuntimeException {

	private final String property;

	private final @Nullable Object value;

	private final String reason;

	private final String action;

	public InvalidDispatchConfigurationException(String property, @Nullable Object value, String reason,
			String action) {
		super("Invalid value " + quote(value) + " for property '" + property + "': " + reason);
		this.property = property;
		this.value = value;
		this.reason = reason;
		this.action = action;
	}

	private static String quote(@Nullable Object value) {
		return (value != null) ? "'" + value + "'" : "(none)";
	}

	/**
	 * Return the name of the offending property.
	 * @return the property name, such as {@code dispatch.mounts.backend.path}
	 */
	public String getProperty() {
		return this.property;
	}

	/**
	 * Return the offending value.
	 * @return the value or {@code null} if the property is missing
	 */
	public @Nullable Object getValue() {
		return this.value;
	}

	/**
	 * Return why the value is invalid.
	 * @return the reason
	 */
	public String getReason() {
		return this.reason;
	}

	/**
	 * Return what to do to fix the configuration.
	 * @return the action
	 */
	public String getAction() {
		return this.action;
	}

}
