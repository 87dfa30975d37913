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

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;

import com.jayway.jsonpath.JsonPath;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockMvcRequestBuilders;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.context.WebApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;

/**
 * The Actuator endpoint, health, metrics and startup report of the dispatched
 * applications, over HTTP on a real server.
 *
 * @author Dispatch contributors
 */
class OperabilityTests {

	private static final String APP = "dev.dispatch.autoconfigure.OperabilityTests$ChildApp";

	private static final String BROKEN = "dev.dispatch.autoconfigure.OperabilityTests$BrokenApp";

	@Nested
	@SpringBootTest(classes = ParentApp.class, webEnvironment = WebEnvironment.RANDOM_PORT,
			properties = { "management.endpoints.web.exposure.include=*",
					"management.endpoint.health.show-details=always", "dispatch.mounts.backend.path=/backend",
					"dispatch.mounts.backend.sources=" + APP, "dispatch.mounts.backend.properties.app.name=backend",
					"dispatch.mounts.idle.path=/idle", "dispatch.mounts.idle.sources=" + APP,
					"dispatch.mounts.idle.properties.app.name=idle", "dispatch.mounts.broken.path=/broken",
					"dispatch.mounts.broken.sources=" + BROKEN, "dispatch.mounts.inherit.path=/inherit",
					"dispatch.mounts.inherit.sources=" + APP, "dispatch.mounts.inherit.inherit-parent=true",
					"dispatch.mounts.inherit.properties.app.name=inherit", "dispatch.path.sources=" + APP,
					"dispatch.path.properties.app.name=tenant-${dispatch.tenant}",
					"dispatch.path.tenants.acme.properties.x=y" })
	@ExtendWith(OutputCaptureExtension.class)
	class Defaults {

		@LocalServerPort
		private int port;

		@Autowired
		private MeterRegistry meterRegistry;

		@Autowired
		private DispatchedApplications applications;

		@Test
		void endpointListsEveryMountAndLiveTenantWithItsState() {
			get("/backend/whoami");
			get("/acme/whoami");
			get("/broken/whoami");
			String json = get("/actuator/dispatch").body();
			assertThat(JsonPath.<List<String>>read(json, "$.applications[*].id")).contains("backend", "idle", "broken",
					"path:acme");
			assertThat(JsonPath.<List<String>>read(json, "$.applications[?(@.id == 'idle')].state"))
				.containsExactly("NOT_STARTED");
			assertThat(JsonPath.<Map<String, Object>>read(json, "$.starts")).containsOnlyKeys("running", "waiting",
					"waitingInBackground", "refused");
			assertThat(JsonPath.<List<String>>read(json, "$.applications[?(@.id == 'backend')].state"))
				.containsExactly("RUNNING");
			assertThat(JsonPath.<List<String>>read(json, "$.applications[?(@.id == 'backend')].path"))
				.containsExactly("/backend");
			assertThat(JsonPath.<List<Integer>>read(json, "$.applications[?(@.id == 'backend')].requests").get(0))
				.isGreaterThanOrEqualTo(1);
			assertThat(JsonPath.<List<Object>>read(json, "$.applications[?(@.id == 'backend')].startedAt"))
				.isNotEmpty();
			assertThat(JsonPath.<List<Object>>read(json, "$.applications[?(@.id == 'backend')].lastUsed")).isNotEmpty();
			assertThat(JsonPath.<List<String>>read(json, "$.applications[?(@.id == 'broken')].state"))
				.containsExactly("FAILED");
			assertThat(JsonPath.<List<String>>read(json, "$.applications[?(@.id == 'broken')].failure").get(0))
				.contains("broken on purpose");
			assertThat(JsonPath.<List<String>>read(json, "$.applications[?(@.id == 'path:acme')].group"))
				.containsExactly("path");
		}

		@Test
		void endpointDescribesOneApplicationOr404() {
			get("/backend/whoami");
			HttpResponse<String> backend = get("/actuator/dispatch/backend");
			assertThat(backend.statusCode()).isEqualTo(200);
			assertThat(JsonPath.<String>read(backend.body(), "$.id")).isEqualTo("backend");
			assertThat(JsonPath.<List<String>>read(backend.body(), "$.sources")).containsExactly(APP);
			assertThat(get("/actuator/dispatch/missing").statusCode()).isEqualTo(404);
		}

		@Test
		void deleteStopsAnApplicationAndTheNextRequestStartsItAfresh(CapturedOutput output) throws Exception {
			get("/backend/whoami");
			WebApplicationContext before = this.applications.getApplicationContext("backend");
			double evictions = evictions("mounts");
			HttpResponse<String> stopped = send(HttpRequest.newBuilder(uri("/actuator/dispatch/backend")).DELETE());
			assertThat(stopped.statusCode()).isEqualTo(200);
			assertThat(JsonPath.<String>read(stopped.body(), "$.state")).isEqualTo("STOPPING");
			assertThat(output).contains("Closing mount 'backend' (stopped on request)");
			assertThat(get("/backend/whoami").body()).isEqualTo("backend");
			assertThat(this.applications.getApplicationContext("backend")).isNotSameAs(before);
			assertThat(evictions("mounts")).isEqualTo(evictions + 1);
			HttpResponse<String> idle = send(HttpRequest.newBuilder(uri("/actuator/dispatch/idle")).DELETE());
			assertThat(JsonPath.<String>read(idle.body(), "$.state")).isEqualTo("NOT_STARTED");
			assertThat(send(HttpRequest.newBuilder(uri("/actuator/dispatch/missing")).DELETE()).statusCode())
				.isEqualTo(204);
		}

		@Test
		void healthIsDownWithAFailedMountAndShowsTheApplicationsOwnIndicators() {
			get("/backend/whoami");
			assertThat(get("/inherit/whoami").body()).isEqualTo("inherit");
			get("/broken/whoami");
			HttpResponse<String> health = get("/actuator/health");
			assertThat(health.statusCode()).isEqualTo(503);
			String json = health.body();
			assertThat(JsonPath.<String>read(json, "$.components.dispatch.status")).isEqualTo("DOWN");
			assertThat(JsonPath.<String>read(json, "$.components.dispatch.components.mounts.components.broken.status"))
				.isEqualTo("DOWN");
			assertThat(JsonPath.<String>read(json,
					"$.components.dispatch.components.mounts.components.broken.details.error"))
				.contains("broken on purpose");
			assertThat(JsonPath.<String>read(json, "$.components.dispatch.components.mounts.components.idle.status"))
				.isEqualTo("UP");
			assertThat(JsonPath.<String>read(json,
					"$.components.dispatch.components.mounts.components.backend.components.ping.status"))
				.isEqualTo("UP");
			assertThat(JsonPath.<String>read(json,
					"$.components.dispatch.components.mounts.components.inherit.components.ping.status"))
				.isEqualTo("UP");
			assertThat(JsonPath.<Map<String, Object>>read(json,
					"$.components.dispatch.components.mounts.components.inherit.components"))
				.doesNotContainKey("dispatch");
		}

		@Test
		void metricsCountStartsRequestsAndLiveApplicationsWithoutTaggingTenants() {
			get("/backend/whoami");
			get("/acme/whoami");
			assertThat(this.meterRegistry.get("dispatch.application.requests")
				.tags("group", "mounts", "application", "backend")
				.functionCounter()
				.count()).isGreaterThanOrEqualTo(1);
			assertThat(this.meterRegistry.get("dispatch.application.requests")
				.tags("group", "path", "application", "*")
				.functionCounter()
				.count()).isGreaterThanOrEqualTo(1);
			assertThat(this.meterRegistry.get("dispatch.application.startup")
				.tags("group", "mounts", "application", "backend")
				.timer()
				.count()).isGreaterThanOrEqualTo(1);
			assertThat(this.meterRegistry.get("dispatch.application.startup")
				.tags("group", "path", "application", "*")
				.timer()
				.count()).isGreaterThanOrEqualTo(1);
			assertThat(this.meterRegistry.get("dispatch.applications.live").tags("group", "path").gauge().value())
				.isGreaterThanOrEqualTo(1);
			assertThat(this.meterRegistry.find("dispatch.application.requests").tag("application", "acme").meters())
				.isEmpty();
		}

		@Test
		void applicationOnItsOwnCanBeTestedWithAMockMvcOfItsOwn() throws Exception {
			MockMvc backend = MockMvcBuilders.webAppContextSetup(this.applications.getApplicationContext("backend"))
				.build();
			backend.perform(MockMvcRequestBuilders.get("/whoami")).andExpect(content().string("backend"));
			MockMvc acme = MockMvcBuilders.webAppContextSetup(this.applications.getApplicationContext("path:acme"))
				.build();
			acme.perform(MockMvcRequestBuilders.get("/whoami")).andExpect(content().string("tenant-acme"));
		}

		@Test
		void startupIsReportedOnceReady(CapturedOutput output) {
			// Captured from before the test context started
			assertThat(output.getAll()).contains("Dispatching to 4 mount(s) and 1 tenant group(s)")
				.contains("mount 'backend' at /backend: " + APP + ", lazy")
				.contains("path tenants at /*: " + APP + ", lazy, 1 configured tenant(s), at most 100 live");
		}

		private double evictions(String group) {
			io.micrometer.core.instrument.Counter counter = this.meterRegistry.find("dispatch.application.evictions")
				.tag("group", group)
				.counter();
			return (counter != null) ? counter.count() : 0;
		}

		private HttpResponse<String> get(String path) {
			return TestRequests.get(this.port, path);
		}

		private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
			return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
		}

		private URI uri(String path) {
			return URI.create("http://localhost:" + this.port + path);
		}

	}

	@Nested
	@SpringBootTest(classes = ParentApp.class, webEnvironment = WebEnvironment.RANDOM_PORT,
			properties = { "dispatch.metrics.tenant-tags=true", "dispatch.path.sources=" + APP,
					"dispatch.path.properties.app.name=tenant-${dispatch.tenant}",
					"dispatch.path.tenants.acme.properties.x=y" })
	class TenantTags {

		@LocalServerPort
		private int port;

		@Autowired
		private MeterRegistry meterRegistry;

		@Test
		void tenantsAreTaggedWithTheirKeyWhenTheUserOptsIn() {
			assertThat(TestRequests.get(this.port, "/acme/whoami").body()).isEqualTo("tenant-acme");
			assertThat(this.meterRegistry.get("dispatch.application.requests")
				.tags("group", "path", "application", "acme")
				.functionCounter()
				.count()).isGreaterThanOrEqualTo(1);
			assertThat(this.meterRegistry.get("dispatch.application.startup")
				.tags("group", "path", "application", "acme")
				.timer()
				.count()).isEqualTo(1);
		}

	}

	@SpringBootConfiguration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	static class ParentApp {

	}

	@Configuration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	@Import(WhoAmIController.class)
	static class ChildApp {

		@Bean
		String name(@Value("${app.name}") String name) {
			return name;
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class BrokenApp {

		@Bean
		String name() {
			throw new IllegalStateException("broken on purpose");
		}

	}

}
