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

package dev.dispatch.sample.backend;

import java.util.Map;

import dev.dispatch.sample.home.Page;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;
import org.springframework.web.servlet.view.RedirectView;

@RestController
class BackendController {

	private final String greeting;

	private final String title;

	BackendController(@Value("${greeting}") String greeting, @Value("${backend.title}") String title) {
		this.greeting = greeting;
		this.title = title;
	}

	@GetMapping(path = "/", produces = MediaType.TEXT_HTML_VALUE)
	String home() {
		String hello = ServletUriComponentsBuilder.fromCurrentContextPath().path("/hello").toUriString();
		return Page.render("backend application", this.greeting, "backend.title: " + this.title,
				"<a href=\"" + hello + "\">" + hello
						+ "</a> | <a href=\"home\">home (redirects)</a> | <a href=\"/\">default application</a>");
	}

	@GetMapping("/hello")
	Map<String, String> hello() {
		return Map.of("application", "backend", "greeting", this.greeting, "contextPath",
				ServletUriComponentsBuilder.fromCurrentContextPath().toUriString());
	}

	@GetMapping("/home")
	RedirectView redirectHome() {
		// Relative to the context path: lands on /backend/, not on the default
		// application
		return new RedirectView("/", true);
	}

}
