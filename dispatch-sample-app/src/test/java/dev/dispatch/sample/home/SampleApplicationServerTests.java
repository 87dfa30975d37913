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

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The sample on a real server, as {@code curl} sees it.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class SampleApplicationServerTests {

	private final HttpClient client = HttpClient.newHttpClient();

	@LocalServerPort
	private int port;

	@Autowired
	private JdbcTemplate jdbc;

	@Test
	void mountsAnswerOnTheDefaultApplicationsServer() throws Exception {
		assertThat(get("/").body()).contains("Answered by the default application");
		assertThat(get("/backend/hello").body())
			.contains("\"contextPath\":\"http://localhost:" + this.port + "/backend\"");
		assertThat(get("/admin/").body()).contains("Answered by the admin application");
	}

	@Test
	void adminAnswersItsOwnNotFound() throws Exception {
		HttpResponse<String> response = get("/admin/missing");
		assertThat(response.statusCode()).isEqualTo(404);
		assertThat(response.body()).contains("\"path\":\"/admin/missing\"");
	}

	@Test
	void dispatchEndpointListsTheMountsAndTenants() throws Exception {
		get("/backend/hello");
		String body = get("/actuator/dispatch").body();
		assertThat(body).contains("\"id\":\"backend\"").contains("\"id\":\"admin\"").contains("\"state\":\"RUNNING\"");
		assertThat(get("/actuator/health").body()).contains("\"dispatch\"");
	}

	@Test
	void customerSignsInToOneShopOnlyAndTheSessionStoreKnowsThem() throws Exception {
		Browser browser = new Browser("http://localhost:" + this.port);
		HttpResponse<String> anonymous = browser.get("/shops/initech/account");
		assertThat(anonymous.statusCode()).isEqualTo(302);
		assertThat(anonymous.headers().firstValue("Location"))
			.hasValue("http://localhost:" + this.port + "/shops/initech/login");
		browser.signIn("/shops/initech");
		assertThat(browser.get("/shops/initech/account").body()).contains("signed in as customer")
			.contains("shop.title: Initech");
		assertThat(browser.get("/shops/acme/account").statusCode()).isEqualTo(302);
		assertThat(this.jdbc.queryForList("select principal_name from spring_session", String.class))
			.contains("customer");
	}

	private HttpResponse<String> get(String path) throws Exception {
		return this.client.send(HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + path)).build(),
				HttpResponse.BodyHandlers.ofString());
	}

}
