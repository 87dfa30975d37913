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

package dev.dispatch.sample.shop;

import java.security.Principal;

import dev.dispatch.sample.home.Page;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

@RestController
class ShopController {

	private final String tenant;

	private final String title;

	private final String motto;

	ShopController(@Value("${dispatch.tenant}") String tenant, @Value("${shop.title}") String title,
			@Value("${shop.motto:(no motto: no " + "${dispatch.tenant}.yml)}") String motto) {
		this.tenant = tenant;
		this.title = title;
		this.motto = motto;
	}

	@GetMapping(path = "/", produces = MediaType.TEXT_HTML_VALUE)
	String home() {
		String root = ServletUriComponentsBuilder.fromCurrentContextPath().path("/").toUriString();
		return Page.render("shop of tenant " + this.tenant, "shop.title: " + this.title, "shop.motto: " + this.motto,
				"<a href=\"" + root + "\">" + root + "</a> | <a href=\"" + root + "account\">account</a>");
	}

	@GetMapping(path = "/account", produces = MediaType.TEXT_HTML_VALUE)
	String account(Principal customer) {
		return Page.render("shop of tenant " + this.tenant, "signed in as " + customer.getName(),
				"shop.title: " + this.title, "<a href=\"logout\">sign out</a>");
	}

}
