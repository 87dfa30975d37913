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

import java.util.Collection;

import org.jspecify.annotations.Nullable;

/**
 * Knows the tenants of a group: maps a tenant key (a subdomain, or a path segment) to
 * what the tenant's application is made of, or to nothing for a key that is no tenant.
 * <p>
 * Declare one as a bean to replace the tenants listed in
 * {@code dispatch.subdomain.tenants} and {@code dispatch.path.tenants}, for example to
 * keep tenants in a database: <pre class="code">
 * &#64;Bean
 * TenantDirectory tenantDirectory(CustomerRepository customers) {
 *     return (key) -&gt; customers.findBySlug(key)
 *         .map((customer) -&gt; TenantDefinition.of(Map.of("shop.title", customer.name())))
 *         .orElse(null);
 * }
 * </pre> A single {@code TenantDirectory} bean serves every tenant group. To give the
 * groups directories of their own, name the beans
 * {@value DispatchAutoConfiguration#SUBDOMAIN_TENANT_DIRECTORY_BEAN_NAME} and
 * {@value DispatchAutoConfiguration#PATH_TENANT_DIRECTORY_BEAN_NAME}.
 * <p>
 * It is asked on a tenant's first request, and again after the tenant's application was
 * closed. It must be thread-safe. Keys that cannot be tenants (invalid DNS labels, for
 * instance) never reach it.
 *
 * @author Dispatch contributors
 * @see TenantDefinition
 */
@FunctionalInterface
public interface TenantDirectory {

	/**
	 * Find the tenant with the given key.
	 * @param key the tenant key, such as {@code acme}
	 * @return the tenant's definition, or {@code null} if there is no such tenant
	 */
	@Nullable TenantDefinition findTenant(String key);

	/**
	 * Return the keys of the tenants, for {@code prestart}: a directory that cannot list
	 * them returns {@code null}, and a group with {@code prestart: true} then fails the
	 * start of the default application.
	 * @return the keys, or {@code null} if this directory cannot list its tenants
	 */
	default @Nullable Collection<String> tenantKeys() {
		return null;
	}

}
