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
 * Why a running instance was stopped: it takes no new requests, closes once its in-flight
 * requests have finished, and its application's next request starts it afresh (or is
 * served by the instance that replaced it). For internal use only.
 *
 * @author Dispatch contributors
 */
public enum StopReason {

	/**
	 * It served no request for its group's idle timeout.
	 */
	IDLE("idle"),

	/**
	 * Its group needed room for another tenant.
	 */
	ROOM("making room for another tenant"),

	/**
	 * Somebody asked, through the {@code dispatch} endpoint or the API.
	 */
	REQUESTED("stopped on request"),

	/**
	 * An instance that replaces it has started.
	 */
	REPLACED("replaced by a restart"),

	/**
	 * Its directory no longer has it.
	 */
	REMOVED("removed from its directory");

	private final String description;

	StopReason(String description) {
		this.description = description;
	}

	@Override
	public String toString() {
		return this.description;
	}

}
