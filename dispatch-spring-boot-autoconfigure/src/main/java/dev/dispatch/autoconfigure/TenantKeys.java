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

import java.util.Locale;

import org.jspecify.annotations.Nullable;

/**
 * Which keys can name a tenant. A tenant's key is also its {@code spring.config.name},
 * so a key that could name another application's config files (such as
 * {@code application}) or several files (a comma) is never a tenant.
 *
 * @author Dispatch contributors
 */
final class TenantKeys {

	private static final String RESERVED = "application";

	private TenantKeys() {
	}

	/**
	 * Return the subdomain part of a host name under a domain: the host lower-cased,
	 * without one trailing dot, and without {@code "." + domain}.
	 * @param serverName the request's server name (no port)
	 * @param domain the lower-case domain
	 * @return the subdomain part, which may be an invalid key, or {@code null} if the host
	 * is the bare domain or not under it on a label boundary
	 */
	static @Nullable String subdomainOf(String serverName, String domain) {
		// Host names are nearly always lower case already: when the domain matches as it
		// is and the key is lower-case ASCII, lower-casing the host (which maps every one
		// of its characters) would change nothing
		int length = serverName.length() - (serverName.endsWith(".") ? 1 : 0);
		int keyLength = length - domain.length() - 1;
		if (keyLength > 0 && serverName.charAt(keyLength) == '.'
				&& serverName.regionMatches(keyLength + 1, domain, 0, domain.length())
				&& isLowerCaseAscii(serverName, keyLength)) {
			return serverName.substring(0, keyLength);
		}
		return subdomainOfLowerCased(serverName.toLowerCase(Locale.ROOT), domain);
	}

	private static boolean isLowerCaseAscii(String host, int length) {
		for (int i = 0; i < length; i++) {
			char c = host.charAt(i);
			if ((c >= 'A' && c <= 'Z') || c > 0x7F) {
				return false;
			}
		}
		return true;
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
	 * Return the segment of a path that follows a path tenants' prefix.
	 * @param path the normalized path within the default application
	 * @param prefix the prefix, {@code ""} or a path such as {@code /shops}
	 * @return the segment, which may be an invalid key, or {@code null} if the path does
	 * not continue the prefix with a segment
	 */
	static @Nullable String pathKeyOf(String path, String prefix) {
		int start = prefix.length() + 1;
		if (path.length() <= start || !path.startsWith(prefix) || path.charAt(start - 1) != '/') {
			return null;
		}
		int end = path.indexOf('/', start);
		return path.substring(start, (end != -1) ? end : path.length());
	}

	/**
	 * Return whether a key is a DNS label that can name a tenant: 1 to 63 of
	 * {@code a-z}, {@code 0-9} and {@code -}, with no leading or trailing {@code -}.
	 * @param key the key
	 * @return whether the key can name a subdomain tenant
	 */
	static boolean isSubdomainKey(String key) {
		int length = key.length();
		if (length == 0 || length > 63 || key.charAt(0) == '-' || key.charAt(length - 1) == '-') {
			return false;
		}
		for (int i = 0; i < length; i++) {
			char c = key.charAt(i);
			if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-')) {
				return false;
			}
		}
		return !key.equals(RESERVED);
	}

	/**
	 * Return whether a path segment can name a tenant: 1 to 63 of letters, digits,
	 * {@code -}, {@code _} and {@code .}, starting with a letter or digit.
	 * @param key the decoded path segment
	 * @return whether the key can name a path tenant
	 */
	static boolean isPathKey(String key) {
		int length = key.length();
		if (length == 0 || length > 63 || !Character.isLetterOrDigit(key.charAt(0))) {
			return false;
		}
		for (int i = 0; i < length; i++) {
			char c = key.charAt(i);
			if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_'
					|| c == '.')) {
				return false;
			}
		}
		return !key.equals(RESERVED);
	}

}
