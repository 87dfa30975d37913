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

/**
 * An application that requests can be dispatched to, started or not: a mount, or a tenant
 * that its group knows. For internal use only.
 *
 * @author Dispatch contributors
 */
@FunctionalInterface
public interface DispatchTarget {

	/**
	 * Return the application's started instance, starting it if needed, with a request
	 * entered: the caller must have it {@link ServedApplication#serve serve} the request.
	 * @return the started instance
	 * @throws ApplicationUnavailableException if the application failed to start, did not
	 * start in time, or is stopping
	 */
	ServedApplication acquire();

}
