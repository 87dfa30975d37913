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

import jakarta.servlet.http.HttpSession;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Sets and reads the session attribute {@code value} of the application it is part of
 * ({@code /put?value=}, {@code /get}), and reads any attribute
 * ({@code /attribute?name=}).
 *
 * @author Dispatch contributors
 */
@RestController
class SessionController {

	@GetMapping("/put")
	String put(HttpSession session, @RequestParam String value) {
		session.setAttribute("value", value);
		return "ok";
	}

	@GetMapping("/get")
	String get(HttpSession session) {
		return attribute(session, "value");
	}

	@GetMapping("/attribute")
	String attribute(HttpSession session, @RequestParam String name) {
		Object value = session.getAttribute(name);
		return (value != null) ? value.toString() : "(none)";
	}

}
