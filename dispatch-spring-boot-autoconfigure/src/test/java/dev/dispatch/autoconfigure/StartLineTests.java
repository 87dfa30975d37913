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
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import dev.dispatch.application.DispatchedApplication;
import dev.dispatch.application.DispatchedApplicationRegistry;
import dev.dispatch.application.TenantGroup;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;
import static org.awaitility.Awaitility.await;

/**
 * The line of starts on the real server: a start beyond it answers 503 at once,
 * pre-started tenants, and settings that fail the start of the default application.
 *
 * @author Dispatch contributors
 */
class StartLineTests {

	private ConfigurableApplicationContext context;

	@AfterEach
	void close() {
		if (this.context != null) {
			this.context.close();
		}
	}

	@Test
	void startBeyondTheLineAnswers503WithRetryAfterAtOnceOnTheServerAndIsCounted() throws Exception {
		HeldApp.entered = new CountDownLatch(1);
		HeldApp.gate = new CountDownLatch(1);
		this.context = new SpringApplicationBuilder(ParentApp.class)
			.properties("server.port=0", "dispatch.path.prefix=/t", "dispatch.path.sources=" + HeldApp.class.getName(),
					"dispatch.max-concurrent-starts=1", "dispatch.max-waiting-starts=0",
					"dispatch.path.tenants.held.properties.x=1", "dispatch.path.tenants.other.properties.x=1")
			.run();
		int port = ((WebServerApplicationContext) this.context).getWebServer().getPort();
		CompletableFuture<HttpResponse<String>> held = CompletableFuture
			.supplyAsync(() -> TestRequests.get(port, "/t/held/"));
		try {
			assertThat(HeldApp.entered.await(30, TimeUnit.SECONDS)).isTrue();
			HttpResponse<String> refused = TestRequests.get(port, "/t/other/");
			assertThat(refused.statusCode()).isEqualTo(503);
			assertThat(refused.headers().firstValue("Retry-After")).isPresent();
			assertThat(this.context.getBean(DispatchedApplications.class).getStarts())
				.isEqualTo(new DispatchedApplications.Starts(1, 0, 0, 1));
		}
		finally {
			HeldApp.gate.countDown();
		}
		assertThat(held.get(30, TimeUnit.SECONDS).statusCode()).isEqualTo(404);
		assertThat(TestRequests.get(port, "/t/other/").statusCode()).isEqualTo(404);
	}

	@Test
	void prestartStartsTheConfiguredTenantsOnceReadyAsManyAsMaxInstancesAllows() {
		this.context = new SpringApplicationBuilder(ParentApp.class)
			.properties("server.port=0", "dispatch.path.prefix=/t",
					"dispatch.path.sources=" + TenantApp.class.getName(), "dispatch.path.prestart=true",
					"dispatch.path.max-instances=2", "dispatch.path.tenants.a.properties.x=a",
					"dispatch.path.tenants.b.properties.x=b", "dispatch.path.tenants.c.properties.x=c")
			.run();
		TenantGroup group = this.context.getBean(DispatchedApplicationRegistry.class).getTenantGroups().get(0);
		await().atMost(Duration.ofSeconds(30))
			.until(() -> group.getTenants().stream().filter(DispatchedApplication::isRunning).count() == 2);
		assertThat(group.getTenants()).filteredOn(DispatchedApplication::isRunning)
			.extracting((tenant) -> tenant.getDefinition().name())
			.hasSize(2)
			.isSubsetOf("a", "b", "c");
		assertThat(group.maxLiveCount()).isEqualTo(2);
		assertThat(group.getRequests()).isZero();
	}

	@Test
	void prestartOfAGroupWhoseDirectoryCannotListItsTenantsFailsTheStart() {
		SpringApplicationBuilder application = new SpringApplicationBuilder(ParentApp.class, UnlistedTenants.class)
			.properties("server.port=0", "dispatch.path.prefix=/t",
					"dispatch.path.sources=" + TenantApp.class.getName(), "dispatch.path.prestart=true");
		assertThatException().isThrownBy(application::run).satisfies((ex) -> {
			FailureAnalysis analysis = new InvalidDispatchConfigurationFailureAnalyzer().analyze(ex);
			assertThat(analysis.getDescription()).contains("'dispatch.path.prestart'")
				.contains("cannot list its tenants");
			assertThat(analysis.getAction()).contains("TenantDirectory.tenantKeys()");
		});
	}

	@Test
	void maxConcurrentStartsBelowOneFailsTheStart() {
		SpringApplicationBuilder application = new SpringApplicationBuilder(ParentApp.class).properties("server.port=0",
				"dispatch.max-concurrent-starts=0");
		assertThatException().isThrownBy(application::run).satisfies((ex) -> {
			FailureAnalysis analysis = new InvalidDispatchConfigurationFailureAnalyzer().analyze(ex);
			assertThat(analysis.getDescription()).contains("'dispatch.max-concurrent-starts'");
			assertThat(analysis.getAction()).contains("Set 'dispatch.max-concurrent-starts' to 1 or more");
		});
	}

	@SpringBootConfiguration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	static class ParentApp {

	}

	@Configuration(proxyBeanMethods = false)
	static class UnlistedTenants {

		@Bean
		TenantDirectory tenantDirectory() {
			return (key) -> TenantDefinition.DEFAULT;
		}

	}

	@Configuration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	static class TenantApp {

	}

	/**
	 * A tenant whose start waits for the test, once it has begun.
	 */
	@Configuration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	static class HeldApp {

		static volatile CountDownLatch entered = new CountDownLatch(0);

		static volatile CountDownLatch gate = new CountDownLatch(0);

		HeldApp() throws InterruptedException {
			entered.countDown();
			gate.await(30, TimeUnit.SECONDS);
		}

	}

}
