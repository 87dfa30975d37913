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

import jakarta.servlet.http.HttpSession;
import org.jspecify.annotations.Nullable;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.util.ClassUtils;

/**
 * Keeps the principal-name index of the shared session, which Spring Session's
 * {@code FindByIndexNameSessionRepository} (and Spring Security's concurrent-session
 * control through it) reads, in step with the logins of dispatched applications: their
 * security contexts are stored under names of their own, where Spring Session's index
 * does not look. Its index attribute, which it reads before the security context, is set
 * in the container's session to the name of the user that an application logs in, and
 * removed when that application logs the user out.
 *
 * @author Dispatch contributors
 */
final class PrincipalIndex {

	/**
	 * Spring Session's
	 * {@code FindByIndexNameSessionRepository.PRINCIPAL_NAME_INDEX_NAME}.
	 */
	static final String INDEX_NAME = "org.springframework.session.FindByIndexNameSessionRepository.PRINCIPAL_NAME_INDEX_NAME";

	/**
	 * Spring Security's {@code HttpSessionSecurityContextRepository}'s default attribute.
	 */
	static final String SECURITY_CONTEXT = "SPRING_SECURITY_CONTEXT";

	private static final boolean SECURITY_PRESENT = ClassUtils
		.isPresent("org.springframework.security.core.context.SecurityContext", PrincipalIndex.class.getClassLoader());

	private PrincipalIndex() {
	}

	/**
	 * Index an attribute that an application sets in its namespace of the session.
	 * @param session the container's session
	 * @param name the attribute's name within the application
	 * @param value its value
	 */
	static void set(HttpSession session, String name, @Nullable Object value) {
		String principal = principalName(name, value);
		if (principal != null) {
			session.setAttribute(INDEX_NAME, principal);
		}
	}

	/**
	 * Drop the index of an attribute that an application removes from its namespace.
	 * @param session the container's session
	 * @param name the attribute's name within the application
	 * @param value the value it had
	 */
	static void remove(HttpSession session, String name, @Nullable Object value) {
		String principal = principalName(name, value);
		if (principal != null && principal.equals(session.getAttribute(INDEX_NAME))) {
			session.removeAttribute(INDEX_NAME);
		}
	}

	private static @Nullable String principalName(String name, @Nullable Object value) {
		if (name.equals(INDEX_NAME) && value instanceof String principal) {
			return principal;
		}
		if (name.equals(SECURITY_CONTEXT) && SECURITY_PRESENT) {
			return Security.principalName(value);
		}
		return null;
	}

	/**
	 * Reads Spring Security's types, when it is on the class path.
	 */
	private static final class Security {

		static @Nullable String principalName(@Nullable Object value) {
			if (value instanceof SecurityContext context) {
				Authentication authentication = context.getAuthentication();
				return (authentication != null && authentication.isAuthenticated()) ? authentication.getName() : null;
			}
			return null;
		}

	}

}
