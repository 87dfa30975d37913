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

import java.util.Locale;

import org.jspecify.annotations.Nullable;

/**
 * Which keys can name a tenant. A tenant's key is also its {@code spring.config.name}, so
 * a key that could name another application's config files (such as {@code application})
 * or several files (a comma) is never a tenant.
 *
 * @author Dispatch contributors
 */
public final class TenantKeys {

	private static final String RESERVED = "application";

	private TenantKeys() {
	}

	/**
	 * Return the tenant key that a host name names under a domain: the host lower-cased,
	 * without one trailing dot, and without {@code "." + domain}, if that is a
	 * {@link #isSubdomainKey(String) subdomain key}.
	 * @param serverName the request's server name (no port)
	 * @param domain the lower-case domain
	 * @return the key, an empty string if the host is under the domain on a label
	 * boundary but does not name a tenant, or {@code null} if the host is the bare domain
	 * or not under it
	 */
	public static @Nullable String subdomainKeyOf(String serverName, String domain) {
		// Host names are nearly always lower case already: when the domain matches as it
		// is, checking the key where it stands is the whole work, and lower-casing the
		// host (which maps every one of its characters) would change nothing
		int length = serverName.length() - (serverName.endsWith(".") ? 1 : 0);
		int keyLength = length - domain.length() - 1;
		if (keyLength > 0 && serverName.charAt(keyLength) == '.'
				&& serverName.regionMatches(keyLength + 1, domain, 0, domain.length())
				&& isSubdomainKey(serverName, keyLength)) {
			return serverName.substring(0, keyLength);
		}
		String subdomain = subdomainOfLowerCased(serverName.toLowerCase(Locale.ROOT), domain);
		return (subdomain == null || isSubdomainKey(subdomain)) ? subdomain : "";
	}

	private static @Nullable String subdomainOfLowerCased(String lowerCaseHost, String domain) {
		String host = lowerCaseHost;
		if (host.endsWith(".")) {
			host = host.substring(0, host.length() - 1);
		}
		int keyLength = host.length() - domain.length() - 1;
		if (keyLength <= 0 || !host.endsWith(domain) || host.charAt(keyLength) != '.') {
			return null;
		}
		return host.substring(0, keyLength);
	}

	/**
	 * Return the tenant key in the segment of a path that follows a path tenants' prefix.
	 * @param path the normalized path within the default application
	 * @param prefix the prefix, {@code ""} or a path such as {@code /shops}
	 * @return the key, or {@code null} if the path does not continue the prefix with a
	 * segment that is a {@link #isPathKey(String) path key}
	 */
	public static @Nullable String pathKeyOf(String path, String prefix) {
		int start = prefix.length() + 1;
		if (path.length() <= start || !path.startsWith(prefix) || path.charAt(start - 1) != '/') {
			return null;
		}
		int end = path.indexOf('/', start);
		end = (end != -1) ? end : path.length();
		return isPathKey(path, start, end) ? path.substring(start, end) : null;
	}

	/**
	 * Return whether a key is a DNS label that can name a tenant: 1 to 63 of {@code a-z},
	 * {@code 0-9} and {@code -}, with no leading or trailing {@code -}.
	 * @param key the key
	 * @return whether the key can name a subdomain tenant
	 */
	public static boolean isSubdomainKey(String key) {
		return isSubdomainKey(key, key.length());
	}

	private static boolean isSubdomainKey(String host, int length) {
		if (length == 0 || length > 63 || host.charAt(0) == '-' || host.charAt(length - 1) == '-') {
			return false;
		}
		for (int i = 0; i < length; i++) {
			char c = host.charAt(i);
			if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-')) {
				return false;
			}
		}
		return !isReserved(host, 0, length);
	}

	/**
	 * Return whether a path segment can name a tenant: 1 to 63 of letters, digits,
	 * {@code -}, {@code _} and {@code .}, starting with a letter or digit.
	 * @param key the decoded path segment
	 * @return whether the key can name a path tenant
	 */
	public static boolean isPathKey(String key) {
		return isPathKey(key, 0, key.length());
	}

	private static boolean isPathKey(String path, int start, int end) {
		int length = end - start;
		if (length == 0 || length > 63 || !Character.isLetterOrDigit(path.charAt(start))) {
			return false;
		}
		for (int i = start; i < end; i++) {
			char c = path.charAt(i);
			if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_'
					|| c == '.')) {
				return false;
			}
		}
		return !isReserved(path, start, length);
	}

	private static boolean isReserved(String string, int start, int length) {
		return length == RESERVED.length() && string.startsWith(RESERVED, start);
	}

}
