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

package dev.dispatch.sample.admin;

import dev.dispatch.sample.home.Page;
import dev.dispatch.sample.home.VisitCounter;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
class AdminController {

	private final String region;

	private final VisitCounter visits;

	AdminController(@Value("${admin.region}") String region, VisitCounter visits) {
		this.region = region;
		this.visits = visits;
	}

	@GetMapping(path = "/", produces = MediaType.TEXT_HTML_VALUE)
	String home() {
		return Page.render("admin application", "admin.region: " + this.region,
				"visits of the default application: " + this.visits.visit(),
				"<a href=\"/admin/missing\">a page that does not exist (the admin application's 404)</a> | <a href=\"/\">default application</a>");
	}

}
