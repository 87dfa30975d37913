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

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Mounted applications share the host's session cookie but not each other's session
 * attributes: logging in to one, with Spring Security, does not log in to another. The
 * default application and the mount that shares its session are not secured.
 *
 * @author Dispatch contributors
 */
@SpringBootTest(classes = SessionIsolationSecuredTests.ParentApp.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "spring.autoconfigure.exclude=" + SessionIsolationSecuredTests.SECURITY_AUTO_CONFIGURATIONS,
				"dispatch.mounts.admin.path=/admin",
				"dispatch.mounts.admin.sources=dev.dispatch.autoconfigure.SessionIsolationSecuredTests$SecuredApp",
				"dispatch.mounts.admin.properties.app.name=admin", "dispatch.mounts.backend.path=/backend",
				"dispatch.mounts.backend.sources=dev.dispatch.autoconfigure.SessionIsolationSecuredTests$SecuredApp",
				"dispatch.mounts.backend.properties.app.name=backend", "dispatch.mounts.shared.path=/shared",
				"dispatch.mounts.shared.share-session=true",
				"dispatch.mounts.shared.properties.spring.autoconfigure.exclude="
						+ SessionIsolationSecuredTests.SECURITY_AUTO_CONFIGURATIONS,
				"dispatch.mounts.shared.sources=dev.dispatch.autoconfigure.SessionIsolationSecuredTests$SessionApp" })
class SessionIsolationSecuredTests {

	static final String SECURITY_AUTO_CONFIGURATIONS = "org.springframework.boot.security.autoconfigure.SecurityAutoConfiguration,"
			+ "org.springframework.boot.security.autoconfigure.UserDetailsServiceAutoConfiguration,"
			+ "org.springframework.boot.security.autoconfigure.web.servlet.SecurityFilterAutoConfiguration,"
			+ "org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration,"
			+ "org.springframework.boot.security.autoconfigure.actuate.web.servlet.ManagementWebSecurityAutoConfiguration";

	@LocalServerPort
	private int port;

	private Browser browser;

	@BeforeEach
	void openBrowser() {
		this.browser = new Browser(this.port);
	}

	@Test
	void loggingInToOneMountDoesNotLogInToAnother() throws Exception {
		assertThat(this.browser.login("/admin", "alice").statusCode()).isEqualTo(302);
		assertThat(this.browser.get("/admin/secret").body()).isEqualTo("admin's secret for alice");
		HttpResponse<String> backend = this.browser.get("/backend/secret");
		assertThat(backend.statusCode()).isEqualTo(302);
		assertThat(backend.headers().firstValue("Location"))
			.hasValueSatisfying((location) -> assertThat(location).endsWith("/backend/login"));
	}

	@Test
	void loggingOutOfOneMountKeepsTheOthersLoggedIn() throws Exception {
		this.browser.login("/admin", "alice");
		this.browser.login("/backend", "alice");
		assertThat(this.browser.get("/admin/secret").statusCode()).isEqualTo(200);
		assertThat(this.browser.get("/backend/secret").statusCode()).isEqualTo(200);
		assertThat(this.browser.post("/admin/logout", "").statusCode()).isEqualTo(302);
		assertThat(this.browser.get("/admin/secret").statusCode()).isEqualTo(302);
		assertThat(this.browser.get("/backend/secret").body()).isEqualTo("backend's secret for alice");
	}

	@Test
	void loginInAMountIsInTheSessionsPrincipalNameIndexUntilLogout() throws Exception {
		// Spring Session's FindByIndexNameSessionRepository indexes the session by this
		// attribute before it looks at a security context
		String index = "/attribute?name=org.springframework.session.FindByIndexNameSessionRepository"
				+ ".PRINCIPAL_NAME_INDEX_NAME";
		assertThat(this.browser.get(index).body()).isEqualTo("(none)");
		this.browser.login("/admin", "alice");
		assertThat(this.browser.get(index).body()).isEqualTo("alice");
		this.browser.post("/admin/logout", "");
		assertThat(this.browser.get(index).body()).isEqualTo("(none)");
	}

	@Test
	void sessionAttributesAreInvisibleToOtherApplications() throws Exception {
		this.browser.get("/backend/put?value=from-backend");
		assertThat(this.browser.get("/backend/get").body()).isEqualTo("from-backend");
		assertThat(this.browser.get("/admin/get").body()).isEqualTo("(none)");
		assertThat(this.browser.get("/get").body()).isEqualTo("(none)");
		assertThat(this.browser.get("/shared/get").body()).isEqualTo("(none)");
	}

	@Test
	void mountThatSharesTheSessionSeesTheDefaultApplicationsAttributes() throws Exception {
		this.browser.get("/put?value=from-default");
		assertThat(this.browser.get("/shared/get").body()).isEqualTo("from-default");
		assertThat(this.browser.get("/backend/get").body()).isEqualTo("(none)");
		this.browser.get("/shared/put?value=from-shared");
		assertThat(this.browser.get("/get").body()).isEqualTo("from-shared");
	}

	@SpringBootConfiguration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	@Import(SessionController.class)
	static class ParentApp {

	}

	@Configuration(proxyBeanMethods = false)
	@Import({ SessionController.class, SecuredApplication.class })
	static class SecuredApp {

	}

	@Configuration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	@Import(SessionController.class)
	static class SessionApp {

	}

}
