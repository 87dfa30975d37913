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

import java.net.http.HttpResponse;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The default application and a mount, each secured by Spring Security's form login with
 * users of its own: the default application's security filters run before the dispatch
 * and mark the request as secured, yet the mount's own security filters still run, and
 * nobody logged in to one application is logged in to the other, nor to a mount without
 * security of its own.
 *
 * @author Dispatch contributors
 */
@SpringBootTest(classes = SecuredApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "app.name=default", "app.user=root", "dispatch.mounts.backend.path=/backend",
				"dispatch.mounts.backend.sources=dev.dispatch.autoconfigure.SecuredApplication",
				"dispatch.mounts.backend.properties.app.name=backend",
				"dispatch.mounts.backend.properties.app.user=alice", "dispatch.mounts.open.path=/open",
				"dispatch.mounts.open.sources=dev.dispatch.autoconfigure.AuthenticationIsolationSecuredTests$UserApp",
				"dispatch.mounts.open.properties.spring.autoconfigure.exclude="
						+ AuthenticationIsolationSecuredTests.SECURITY_AUTO_CONFIGURATIONS })
class SecurityIsolationSecuredTests {

	@LocalServerPort
	private int port;

	private Browser browser;

	@BeforeEach
	void openBrowser() {
		this.browser = new Browser(this.port);
	}

	@Test
	void userOfTheDefaultApplicationIsNotLoggedInToTheMount() throws Exception {
		assertThat(this.browser.login("", "root").statusCode()).isEqualTo(302);
		assertThat(this.browser.get("/secret").body()).isEqualTo("default's secret for root");
		HttpResponse<String> backend = this.browser.get("/backend/secret");
		assertThat(backend.statusCode()).isEqualTo(302);
		assertThat(backend.headers().firstValue("Location"))
			.hasValueSatisfying((location) -> assertThat(location).endsWith("/backend/login"));
	}

	@Test
	void userOfTheMountIsNotLoggedInToTheDefaultApplication() throws Exception {
		assertThat(this.browser.login("/backend", "alice").statusCode()).isEqualTo(302);
		assertThat(this.browser.get("/backend/secret").body()).isEqualTo("backend's secret for alice");
		HttpResponse<String> secret = this.browser.get("/secret");
		assertThat(secret.statusCode()).isEqualTo(302);
		assertThat(secret.headers().firstValue("Location"))
			.hasValueSatisfying((location) -> assertThat(location).doesNotContain("/backend").endsWith("/login"));
	}

	@Test
	void mountWithoutSecurityOfItsOwnSeesNoneOfTheDefaultApplicationsLogin() throws Exception {
		assertThat(this.browser.login("", "root").statusCode()).isEqualTo(302);
		HttpResponse<String> open = this.browser.get("/open/user");
		assertThat(open.statusCode()).isEqualTo(200);
		assertThat(open.body()).isEqualTo("principal=none, context=none");
	}

	@Test
	void usersLoggedInToBothApplicationsAreEachApplicationsOwn() throws Exception {
		this.browser.login("", "root");
		this.browser.login("/backend", "alice");
		assertThat(this.browser.get("/secret").body()).isEqualTo("default's secret for root");
		assertThat(this.browser.get("/backend/secret").body()).isEqualTo("backend's secret for alice");
	}

}
