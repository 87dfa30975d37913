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

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.test.web.servlet.MockMvc;

import static org.hamcrest.Matchers.containsString;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The sample through the default application's {@code MockMvc}: every request goes
 * through the dispatch filter, as it does on the server.
 */
@SpringBootTest
@AutoConfigureMockMvc
class SampleApplicationTests {

	@Autowired
	private MockMvc mvc;

	@Test
	void defaultApplicationServesTheRoot() throws Exception {
		this.mvc.perform(get("/"))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("Answered by the default application")))
			.andExpect(content().string(containsString("hello from the default application")));
	}

	@Test
	void backendAnswersWithItsOwnConfiguration() throws Exception {
		this.mvc.perform(get("/backend/"))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("Answered by the backend application")))
			.andExpect(content().string(containsString("hello from the backend mount")))
			.andExpect(content().string(containsString("Backend (from backend.yml)")))
			.andExpect(content().string(containsString("href=\"http://localhost/backend/hello\"")));
	}

	@Test
	void backendSeesItsMountPathAsItsContextPath() throws Exception {
		this.mvc.perform(get("/backend/hello"))
			.andExpect(jsonPath("$.application").value("backend"))
			.andExpect(jsonPath("$.contextPath").value("http://localhost/backend"));
	}

	@Test
	void redirectsStayInsideTheMount() throws Exception {
		this.mvc.perform(get("/backend")).andExpect(status().isFound()).andExpect(redirectedUrl("/backend/"));
		this.mvc.perform(get("/backend/home")).andExpect(status().isFound()).andExpect(redirectedUrl("/backend/"));
	}

	@Test
	void adminHasItsProfileAndUsesTheDefaultApplicationsBeans() throws Exception {
		this.mvc.perform(get("/admin/"))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("admin.region: eu (from admin-eu.yml)")))
			.andExpect(content().string(containsString("visits of the default application")));
	}

	@Test
	void pathsOfNoMountAreTheDefaultApplications() throws Exception {
		this.mvc.perform(get("/backendx")).andExpect(status().isNotFound());
	}

	@Test
	void subdomainTenantsAnswerWithTheirOwnConfiguration() throws Exception {
		this.mvc.perform(get("/").header("Host", "acme.localhost:8080"))
			.andExpect(content().string(containsString("Answered by the shop of tenant acme")))
			.andExpect(content().string(containsString("shop.title: ACME Corp")))
			.andExpect(content().string(containsString("Quality gadgets since 1949 (from acme.yml)")));
		this.mvc.perform(get("/").header("Host", "globex.localhost:8080"))
			.andExpect(content().string(containsString("shop.title: A shop")))
			.andExpect(content().string(containsString("no globex.yml")));
	}

	@Test
	void unknownSubdomainIsNotFound() throws Exception {
		this.mvc.perform(get("/").header("Host", "initech.localhost:8080")).andExpect(status().isNotFound());
	}

	@Test
	void pathTenantsAnswerUnderTheirKey() throws Exception {
		this.mvc.perform(get("/shops/initech/"))
			.andExpect(content().string(containsString("shop.title: Initech")))
			.andExpect(content().string(containsString("href=\"http://localhost/shops/initech/\"")));
		this.mvc.perform(get("/shops/initech")).andExpect(redirectedUrl("/shops/initech/"));
		this.mvc.perform(get("/shops/globex/")).andExpect(status().isNotFound());
	}

}
