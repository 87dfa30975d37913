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
 * How dispatched applications start, and what happens when they do not. For internal use
 * only.
 *
 * @param starts what runs the starts of applications, a bounded number at once
 * @param timeout how long a request waits for an application to start
 * @param backoff how long an application that failed to start answers 503 before a
 * request starts it again
 * @param closer what closes stopped instances once their requests have finished
 * @param listener what hears of starts and stops
 * @author Dispatch contributors
 */
public record StartSettings(StartQueue starts, Duration timeout, Duration backoff, InstanceCloser closer,
		DispatchListener listener) {

}
