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

import org.jspecify.annotations.Nullable;

/**
 * The tenants of a group, as the request path asks for them by key. For internal use
 * only.
 *
 * @author Dispatch contributors
 */
@FunctionalInterface
public interface TenantTargets {

	/**
	 * Find the tenant that a key names, without starting it.
	 * @param key a valid tenant key
	 * @return the tenant, or {@code null} if the key names no tenant
	 * @throws ApplicationUnavailableException if the tenant failed to start less than the
	 * back-off ago, or the group cannot tell whether the key names a tenant
	 */
	@Nullable DispatchTarget find(String key);

}
