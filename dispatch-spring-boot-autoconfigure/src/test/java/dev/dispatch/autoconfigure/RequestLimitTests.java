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
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;

/**
 * {@code max-concurrent-requests} on the real server: a flooded tenant turns requests
 * beyond its limit away with a 503 at once, counted, while the other tenants and mounts
 * are served; and a limit below one fails the start.
 *
 * @author Dispatch contributors
 */
class RequestLimitTests {

	private ConfigurableApplicationContext context;

	@BeforeEach
	void reset() {
		SlowController.entered = new CountDownLatch(2);
		SlowController.gate = new CountDownLatch(1);
	}

	@AfterEach
	void close() {
		SlowController.gate.countDown();
		if (this.context != null) {
			this.context.close();
		}
	}

	@Test
	void tenantServingAsManyRequestsAsItMayTurnsTheNextAwayAndTheOthersAreServed() throws Exception {
		this.context = new SpringApplicationBuilder(ParentApp.class)
			.properties("server.port=0", "management.endpoints.web.exposure.include=dispatch",
					"dispatch.path.prefix=/t", "dispatch.path.sources=" + TenantApp.class.getName(),
					"dispatch.path.max-concurrent-requests=2", "dispatch.path.tenants.flooded.properties.x=1",
					"dispatch.path.tenants.quiet.properties.x=1")
			.run();
		List<CompletableFuture<HttpResponse<String>>> slow = new ArrayList<>();
		for (int i = 0; i < 2; i++) {
			slow.add(CompletableFuture.supplyAsync(() -> get("/t/flooded/slow")));
		}
		assertThat(SlowController.entered.await(30, TimeUnit.SECONDS)).isTrue();
		HttpResponse<String> turnedAway = get("/t/flooded/slow");
		assertThat(turnedAway.statusCode()).isEqualTo(503);
		assertThat(turnedAway.headers().firstValue("Retry-After")).hasValue("1");
		assertThat(get("/t/quiet/tenant").body()).isEqualTo("quiet");
		assertThat(get("/actuator/dispatch/path:flooded").body()).contains("\"rejected\":1");
		assertThat(this.context.getBean(MeterRegistry.class)
			.get("dispatch.application.rejected")
			.tag("group", "path")
			.counter()
			.count()).isOne();
		SlowController.gate.countDown();
		for (CompletableFuture<HttpResponse<String>> request : slow) {
			assertThat(request.get(30, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
		}
		assertThat(get("/t/flooded/tenant").body()).isEqualTo("flooded");
	}

	@Test
	void mountLimitBelowOneFailsTheStart() {
		SpringApplicationBuilder application = new SpringApplicationBuilder(ParentApp.class).properties("server.port=0",
				"dispatch.mounts.backend.path=/backend", "dispatch.mounts.backend.sources=" + TenantApp.class.getName(),
				"dispatch.mounts.backend.max-concurrent-requests=0");
		assertThatException().isThrownBy(application::run)
			.satisfies((ex) -> assertThat(new InvalidDispatchConfigurationFailureAnalyzer().analyze(ex).getAction())
				.contains("Set 'dispatch.mounts.backend.max-concurrent-requests' to 1 or more"));
	}

	private HttpResponse<String> get(String path) {
		return TestRequests.get(((WebServerApplicationContext) this.context).getWebServer().getPort(), path);
	}

	@SpringBootConfiguration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	static class ParentApp {

	}

	@Configuration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	@Import(SlowController.class)
	static class TenantApp {

	}

	@RestController
	static class SlowController {

		static volatile CountDownLatch entered;

		static volatile CountDownLatch gate;

		private final String tenant;

		SlowController(@Value("${dispatch.tenant:mount}") String tenant) {
			this.tenant = tenant;
		}

		@GetMapping("/slow")
		String slow() throws InterruptedException {
			entered.countDown();
			gate.await(30, TimeUnit.SECONDS);
			return "slow";
		}

		@GetMapping("/tenant")
		String tenant() {
			return this.tenant;
		}

	}

}
