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

package dev.dispatch.autoconfigure;

import org.springframework.web.context.WebApplicationContext;

/**
 * The dispatched applications of the default application: its mounts and its live
 * tenants. Mainly for tests of one application alone:
 * <pre class="code">
 * MockMvc backend = MockMvcBuilders
 *     .webAppContextSetup(applications.getApplicationContext("backend"))
 *     .build();
 * </pre>
 *
 * @author Dispatch contributors
 */
public interface DispatchedApplications {

	/**
	 * Return the application context of a mount or tenant, starting it if needed.
	 * @param id the name of a mount, or {@code subdomain:<key>} or {@code path:<key>} for
	 * a tenant
	 * @return the application's context
	 * @throws IllegalArgumentException if no mount or tenant has that id
	 * @throws IllegalStateException if the application fails to start
	 */
	WebApplicationContext getApplicationContext(String id);

}
