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

import java.util.LinkedHashMap;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * Says which applications a request could be for, from its path and host alone, in
 * precedence order: the subdomain tenant that its host names, the mount with the longest
 * path that starts its path, the path tenant that its first segment after the prefix
 * names, and otherwise the default application. Whether a tenant key names a tenant is
 * not the router's to know: it gives the key, and the caller asks the tenant group. A
 * pure function of its input, free of Spring and of the servlet API.
 *
 * @param <M> the type of what a mount path maps to
 * @author Dispatch contributors
 */
public final class Router<M> {

	private final MountMatcher<Mount<M>> mounts;

	private final @Nullable String domain;

	private final boolean unknownSubdomainNotFound;

	private final @Nullable String pathPrefix;

	/**
	 * Create a router.
	 * @param mounts what each mount path maps to
	 * @param domain the domain whose subdomains are tenants, if tenants are dispatched by
	 * subdomain
	 * @param unknownSubdomainNotFound whether a request for a host under the domain that
	 * names no tenant is not found, rather than routed as if its host were not under the
	 * domain
	 * @param pathPrefix the path before a path tenant's segment ({@code ""} for none), if
	 * tenants are dispatched by path
	 */
	public Router(Map<String, M> mounts, @Nullable String domain, boolean unknownSubdomainNotFound,
			@Nullable String pathPrefix) {
		Map<String, Mount<M>> byPath = new LinkedHashMap<>();
		mounts.forEach((path, value) -> byPath.put(path, new Mount<>(path, value)));
		this.mounts = new MountMatcher<>(byPath);
		this.domain = domain;
		this.unknownSubdomainNotFound = unknownSubdomainNotFound;
		this.pathPrefix = pathPrefix;
	}

	/**
	 * Return the applications that a request could be for.
	 * @param path the request's decoded, normalized path within the default application
	 * @param serverName the request's server name
	 * @return the candidates
	 */
	public Candidates<M> route(String path, String serverName) {
		String subdomainKey = (this.domain != null) ? TenantKeys.subdomainKeyOf(serverName, this.domain) : null;
		Mount<M> mount = this.mounts.match(path);
		String pathKey = (this.pathPrefix != null && mount == null) ? TenantKeys.pathKeyOf(path, this.pathPrefix)
				: null;
		return new Candidates<>(subdomainKey, this.unknownSubdomainNotFound, mount,
				(pathKey != null) ? this.pathPrefix + "/" + pathKey : null, pathKey);
	}

	/**
	 * A mount: its path and what it maps to.
	 *
	 * @param <M> the type of what a mount path maps to
	 * @param path the mount's path
	 * @param value what it maps to
	 */
	public record Mount<M>(String path, M value) {
	}

	/**
	 * The applications that a request could be for, in precedence order.
	 *
	 * @param <M> the type of what a mount path maps to
	 * @param subdomainKey the key of the subdomain tenant that the host names, {@code ""}
	 * for a host under the domain that cannot name a tenant, {@code null} for a host not
	 * under the domain
	 * @param unknownSubdomainNotFound whether the request is not found, rather than
	 * routed on, if the host is under the domain but names no tenant
	 * @param mount the mount whose path starts the request's path, if any
	 * @param pathTenantPath the path of the path tenant that the path names, such as
	 * {@code /t/acme}, if any
	 * @param pathKey the key of that path tenant, if any
	 */
	public record Candidates<M>(@Nullable String subdomainKey, boolean unknownSubdomainNotFound,
			@Nullable Mount<M> mount, @Nullable String pathTenantPath, @Nullable String pathKey) {
	}

}
