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

import org.jspecify.annotations.Nullable;

/**
 * How a group of tenants lives: how many of its tenants may be alive at once and when an
 * unused one is closed. For internal use only.
 *
 * @param group the group, {@link ApplicationGroup#SUBDOMAIN} or
 * {@link ApplicationGroup#PATH}
 * @param maxInstances the maximum number of live tenant instances, those that still
 * finish their requests after a stop included
 * @param idleTimeout the time after which an unused tenant is stopped, if any
 * @param cacheUnknownKeys whether to remember, for a while, the keys that name no tenant,
 * so that looking them up again costs little
 * @author Dispatch contributors
 */
public record TenantGroupDefinition(ApplicationGroup group, int maxInstances, @Nullable Duration idleTimeout,
		boolean cacheUnknownKeys) {

}
