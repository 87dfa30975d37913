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

package dev.dispatch.sample.home;

import org.springframework.web.util.HtmlUtils;

/**
 * The HTML of the sample's pages, shared by its applications so that each page says the
 * same things in the same place: which application answered and with which configuration.
 *
 * @author Dispatch contributors
 */
public final class Page {

	private Page() {
	}

	public static String render(String application, String greeting, String config, String links) {
		return "<!DOCTYPE html><html><head><title>" + HtmlUtils.htmlEscape(application) + "</title></head><body>"
				+ "<h1>Answered by the " + HtmlUtils.htmlEscape(application) + "</h1>" + "<p id=\"greeting\">"
				+ HtmlUtils.htmlEscape(greeting) + "</p>" + "<p id=\"config\">" + HtmlUtils.htmlEscape(config) + "</p>"
				+ "<nav>" + links + "</nav></body></html>";
	}

}
