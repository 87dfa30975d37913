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

import java.time.Duration;

/**
 * Hears what happens to dispatched applications, for metrics. For internal use only.
 *
 * @author Dispatch contributors
 */
public interface DispatchListener {

	/**
	 * Called when an application has started.
	 * @param instance the started instance
	 * @param startupTime how long its start took
	 */
	default void started(ApplicationInstance instance, Duration startupTime) {
	}

	/**
	 * Called when a running application was stopped: a tenant to make room or because it
	 * was idle, or any application on request. Not called when the default application
	 * closes.
	 * @param instance the instance that was running, which closes once its in-flight
	 * requests have finished
	 * @param reason why it was stopped
	 */
	default void stopped(ApplicationInstance instance, StopReason reason) {
	}

	/**
	 * Called when an application turned a request away because it served as many as it
	 * may.
	 * @param application the application
	 */
	default void rejected(DispatchedApplication application) {
	}

}
