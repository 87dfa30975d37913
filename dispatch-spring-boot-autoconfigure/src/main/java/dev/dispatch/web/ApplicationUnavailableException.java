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

import java.util.concurrent.TimeUnit;

/**
 * Thrown when a request reaches an application that is not available: it failed to start
 * or is closed. The message is safe to show to clients.
 *
 * @author Dispatch contributors
 */
public class ApplicationUnavailableException extends RuntimeException {

	private final long retryAfterSeconds;

	public ApplicationUnavailableException(String application, long retryAfterNanos) {
		super("The " + application + " is unavailable", null, false, false);
		this.retryAfterSeconds = Math.max(1, TimeUnit.NANOSECONDS.toSeconds(retryAfterNanos + 999_999_999L));
	}

	/**
	 * Return how long the client should wait before it asks again: the
	 * {@code Retry-After} of the 503.
	 * @return the time, in whole seconds, at least one
	 */
	public long getRetryAfterSeconds() {
		return this.retryAfterSeconds;
	}

}
