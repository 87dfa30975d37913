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

import java.security.Principal;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Answers {@code /user} with who the application takes the user to be: the request's
 * principal and the authentication in Spring Security's thread-bound context, or
 * {@code none}.
 *
 * @author Dispatch contributors
 */
@RestController
class UserController {

	@GetMapping("/user")
	String user(HttpServletRequest request) {
		Principal principal = request.getUserPrincipal();
		Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
		boolean authenticated = authentication != null && !(authentication instanceof AnonymousAuthenticationToken);
		return "principal=" + ((principal != null) ? principal.getName() : "none") + ", context="
				+ (authenticated ? authentication.getName() : "none");
	}

}
