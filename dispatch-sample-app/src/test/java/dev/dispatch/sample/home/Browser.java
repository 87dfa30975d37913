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

import java.net.CookieManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A client that keeps its cookies, as a browser does, so that a session and the logins it
 * holds last from one request to the next. It follows no redirects.
 */
final class Browser {

	private static final Pattern CSRF_TOKEN = Pattern.compile("name=\"_csrf\" type=\"hidden\" value=\"([^\"]+)\"");

	private final HttpClient client = HttpClient.newBuilder()
		.cookieHandler(new CookieManager())
		.followRedirects(HttpClient.Redirect.NEVER)
		.build();

	private final String base;

	/**
	 * A browser of one server.
	 * @param base the server's address, like {@code http://127.0.0.1:8080}
	 */
	Browser(String base) {
		this.base = base;
	}

	HttpResponse<String> get(String path) throws Exception {
		return this.client.send(HttpRequest.newBuilder(URI.create(this.base + path)).build(),
				HttpResponse.BodyHandlers.ofString());
	}

	HttpResponse<String> post(String path, String form) throws Exception {
		HttpRequest request = HttpRequest.newBuilder(URI.create(this.base + path))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString(form))
			.build();
		return this.client.send(request, HttpResponse.BodyHandlers.ofString());
	}

	/**
	 * Sign in to a shop as its customer, with its login form and that form's CSRF token.
	 * @param shop the shop's path, like {@code /shops/initech}
	 * @throws Exception if a request fails
	 */
	void signIn(String shop) throws Exception {
		HttpResponse<String> form = get(shop + "/login");
		assertThat(form.statusCode()).isEqualTo(200);
		Matcher token = CSRF_TOKEN.matcher(form.body());
		assertThat(token.find()).as("CSRF token in %s", form.body()).isTrue();
		HttpResponse<String> login = post(shop + "/login", "username=customer&password=secret&_csrf=" + token.group(1));
		assertThat(login.statusCode()).isEqualTo(302);
		assertThat(login.headers().firstValue("Location"))
			.hasValueSatisfying((location) -> assertThat(location).doesNotContain("error"));
	}

}
