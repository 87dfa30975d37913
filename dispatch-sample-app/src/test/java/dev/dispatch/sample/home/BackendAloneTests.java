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

import dev.dispatch.autoconfigure.DispatchedApplications;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;

/**
 * The backend application on its own, with a {@code MockMvc} bound to its context: no
 * dispatching, so its paths are its own, without {@code /backend}.
 */
@SpringBootTest
class BackendAloneTests {

	@Autowired
	private DispatchedApplications applications;

	private MockMvc backend;

	@BeforeEach
	void setUp() {
		this.backend = MockMvcBuilders.webAppContextSetup(this.applications.getApplicationContext("backend")).build();
	}

	@Test
	void helloAnswersWithTheBackendsOwnConfiguration() throws Exception {
		this.backend.perform(get("/hello"))
			.andExpect(jsonPath("$.application").value("backend"))
			.andExpect(jsonPath("$.greeting").value("hello from the backend mount"));
	}

}
