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

import org.jspecify.annotations.Nullable;

/**
 * Lets an application start, for example within a limit of live instances. For internal
 * use only.
 *
 * @author Dispatch contributors
 */
@FunctionalInterface
public interface Admission {

	/**
	 * Admission that lets every application start.
	 */
	Admission ANY = (definition) -> () -> {
	};

	/**
	 * Admit an application to start, waiting if needed.
	 * @param definition the application
	 * @return what to run once the started instance is destroyed, or the start has failed
	 * @throws DispatchedApplicationStartupException if the application cannot be admitted
	 */
	Runnable admit(ApplicationDefinition definition);

	/**
	 * Admit an application to start if it can at once, without waiting or making room:
	 * for starts that no request waits for.
	 * @param definition the application
	 * @return what to run once the started instance is destroyed, or the start has
	 * failed; {@code null} if there is no room for it
	 */
	default @Nullable Runnable admitIfRoom(ApplicationDefinition definition) {
		return admit(definition);
	}

}
