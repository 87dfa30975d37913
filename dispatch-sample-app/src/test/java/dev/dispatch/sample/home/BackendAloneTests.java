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
