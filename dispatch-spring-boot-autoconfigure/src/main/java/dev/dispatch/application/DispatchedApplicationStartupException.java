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

package dev.dispatch.application;

/**
 * Thrown when a dispatched application fails to start.
 *
 * @author Dispatch contributors
 */
public class DispatchedApplicationStartupException extends RuntimeException {

	private final String application;

	private final String configurationPrefix;

	public DispatchedApplicationStartupException(String application, String configurationPrefix, Throwable cause) {
		super("Failed to start " + application + ": " + cause.getMessage(), cause);
		this.application = application;
		this.configurationPrefix = configurationPrefix;
	}

	/**
	 * Return a description of the application that failed, such as
	 * {@code mount 'backend'}.
	 * @return the application's description
	 */
	public String getApplication() {
		return this.application;
	}

	/**
	 * Return the prefix of the application's configuration properties, such as
	 * {@code dispatch.mounts.backend}.
	 * @return the configuration prefix
	 */
	public String getConfigurationPrefix() {
		return this.configurationPrefix;
	}

}
