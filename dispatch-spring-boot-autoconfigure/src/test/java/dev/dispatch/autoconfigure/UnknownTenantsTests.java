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

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.boot.webmvc.test.autoconfigure.MockMvcPrint;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.test.web.servlet.MockMvc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Requests for unknown tenants are cheap: they start nothing and keep no per-key state
 * beyond a bounded cache of the keys that the directory did not know.
 *
 * @author Dispatch contributors
 */
@SpringBootTest(classes = UnknownTenantsTests.ParentApp.class,
		properties = { "dispatch.subdomain.domain=example.com",
				"dispatch.subdomain.sources=dev.dispatch.autoconfigure.UnknownTenantsTests$TenantApp",
				"dispatch.path.tenants.acme.properties.x=y",
				"dispatch.path.sources=dev.dispatch.autoconfigure.UnknownTenantsTests$TenantApp" })
// MockMvc keeps what it would print of every request until the test ends
@AutoConfigureMockMvc(print = MockMvcPrint.NONE)
class UnknownTenantsTests {

	private static final int REQUESTS = 10_000;

	@Autowired
	private MockMvc mvc;

	@Autowired
	private DispatchedApplications applications;

	@Test
	void tenThousandRandomUnknownSubdomainsStartNothingAndLeaveTheHeapWhereItWas() throws Exception {
		for (int i = 0; i < 100; i++) {
			request("warm-up-" + i);
		}
		long heapBefore = usedHeapAfterGc();
		int asked = ParentApp.ASKED.get();
		for (int i = 0; i < REQUESTS; i++) {
			request(Long.toString(ThreadLocalRandom.current().nextLong(Long.MAX_VALUE), 36));
		}
		long heapAfter = usedHeapAfterGc();
		assertThat(this.applications.getApplications()).isEmpty();
		assertThat(ParentApp.ASKED.get() - asked).isEqualTo(REQUESTS);
		// The negative cache's 10,000 keys take about 1.5 MiB; a started tenant about one
		assertThat(heapAfter - heapBefore).as("heap growth in bytes").isLessThan(4L * 1024 * 1024);
	}

	@Test
	void repeatedUnknownSubdomainAsksTheDirectoryOnce() throws Exception {
		int asked = ParentApp.ASKED.get();
		for (int i = 0; i < 100; i++) {
			request("repeated");
		}
		assertThat(ParentApp.ASKED.get() - asked).isEqualTo(1);
	}

	@Test
	void unknownPathTenantsStartNothing() throws Exception {
		for (int i = 0; i < 1000; i++) {
			this.mvc.perform(get("/unknown" + i + "/x")).andExpect(status().isNotFound());
		}
		assertThat(this.applications.getApplications()).isEmpty();
	}

	private void request(String key) throws Exception {
		this.mvc.perform(get("/").header("Host", key + ".example.com")).andExpect(status().isNotFound());
	}

	private static long usedHeapAfterGc() throws InterruptedException {
		MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
		for (int i = 0; i < 3; i++) {
			System.gc();
			Thread.sleep(50);
		}
		return memory.getHeapMemoryUsage().getUsed();
	}

	@SpringBootConfiguration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	static class ParentApp {

		static final AtomicInteger ASKED = new AtomicInteger();

		@Bean(DispatchAutoConfiguration.SUBDOMAIN_TENANT_DIRECTORY_BEAN_NAME)
		TenantDirectory subdomainTenantDirectory() {
			return (key) -> {
				ASKED.incrementAndGet();
				return key.equals("acme") ? TenantDefinition.of(Map.of()) : null;
			};
		}

	}

	@Configuration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	static class TenantApp {

	}

}
