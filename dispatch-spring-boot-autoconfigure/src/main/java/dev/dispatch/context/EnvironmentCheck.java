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

import java.util.Map;

import dev.dispatch.application.ApplicationDefinition;

import org.springframework.core.env.ConfigurableEnvironment;

/**
 * Checks the environment of a dispatched application once its config files are loaded,
 * before anything of it is created. For internal use only.
 *
 * @author Dispatch contributors
 */
@FunctionalInterface
public interface EnvironmentCheck {

	/**
	 * Check an application's environment.
	 * @param environment the environment, with the application's own property source
	 * ({@link StartInternals#PROPERTY_SOURCE_NAME}) and its config files
	 * @param definition the application
	 * @throws RuntimeException if the application must not start
	 */
	void check(ConfigurableEnvironment environment, ApplicationDefinition definition);

	/**
	 * Check an application that runs in a class loader of its own, whose environment is
	 * of another Spring: its properties, and what its own config files set. Its config
	 * files were written for it to run on its own, so what they set to no effect is
	 * reported rather than refused.
	 * @param definition the application, with its properties
	 * @param configFileProperties where each property that its config files set is set
	 * @throws RuntimeException if the application must not start
	 */
	default void check(ApplicationDefinition definition, Map<String, String> configFileProperties) {
	}

}
