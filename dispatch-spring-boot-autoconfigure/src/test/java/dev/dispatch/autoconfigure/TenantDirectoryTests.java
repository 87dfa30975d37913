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

import java.util.List;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Tenants from a {@link TenantDirectory} bean instead of the configuration.
 *
 * @author Dispatch contributors
 */
class TenantDirectoryTests {

	private static final String TENANT_APP = "dev.dispatch.autoconfigure.TenantDirectoryTests$TenantApp";

	@Nested
	@SpringBootTest(classes = SharedDirectoryApp.class,
			properties = { "dispatch.subdomain.domain=example.com", "dispatch.subdomain.sources=" + TENANT_APP,
					"dispatch.subdomain.tenants.acme.properties.shop.title=ACME from the configuration",
					"dispatch.subdomain.unknown=default-app", "dispatch.path.prefix=/t",
					"dispatch.path.sources=" + TENANT_APP })
	@AutoConfigureMockMvc
	class SharedDirectory {

		@Autowired
		private MockMvc mvc;

		@Test
		void directoryKnowsTheTenantsOfEveryGroup() throws Exception {
			this.mvc.perform(get("/whoami").header("Host", "shop1.example.com"))
				.andExpect(content().string("shop1: Shop shop1"));
			this.mvc.perform(get("/t/shop2/whoami")).andExpect(content().string("shop2: Shop shop2"));
		}

		@Test
		void directoryReplacesTheConfiguredTenants() throws Exception {
			this.mvc.perform(get("/whoami").header("Host", "acme.example.com"))
				.andExpect(content().string("default /whoami"));
		}

		@Test
		void unknownSubdomainGoesToTheDefaultApplicationWhenConfiguredSo() throws Exception {
			this.mvc.perform(get("/whoami").header("Host", "unknown.example.com"))
				.andExpect(content().string("default /whoami"));
			this.mvc.perform(get("/t/unknown/whoami")).andExpect(content().string("default /t/unknown/whoami"));
		}

	}

	@Nested
	@SpringBootTest(classes = GroupDirectoriesApp.class,
			properties = { "dispatch.subdomain.domain=example.com", "dispatch.subdomain.sources=" + TENANT_APP })
	@AutoConfigureMockMvc
	class DirectoryPerGroup {

		@Autowired
		private MockMvc mvc;

		@Test
		void eachGroupAsksItsOwnDirectory() throws Exception {
			this.mvc.perform(get("/whoami").header("Host", "sub1.example.com"))
				.andExpect(content().string("sub1: Subdomain sub1"));
			this.mvc.perform(get("/whoami").header("Host", "path1.example.com")).andExpect(status().isNotFound());
			this.mvc.perform(get("/path1/whoami")).andExpect(content().string("path1: Path path1"));
			this.mvc.perform(get("/sub1/whoami")).andExpect(content().string("default /sub1/whoami"));
		}

		@Test
		void failingDirectoryMakesTheTenantUnavailable() throws Exception {
			this.mvc.perform(get("/whoami").header("Host", "sub-failing.example.com"))
				.andExpect(status().isServiceUnavailable())
				.andExpect(content().string("The subdomain tenant 'sub-failing' is unavailable"));
			this.mvc.perform(get("/whoami").header("Host", "sub1.example.com"))
				.andExpect(content().string("sub1: Subdomain sub1"));
		}

		@Test
		void tenantWithoutSourcesIsUnavailable() throws Exception {
			this.mvc.perform(get("/nosources/whoami"))
				.andExpect(status().isServiceUnavailable())
				.andExpect(content().string("The path tenant 'nosources' is unavailable"));
		}

	}

	@SpringBootConfiguration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	@Import(ParentController.class)
	static class SharedDirectoryApp {

		@Bean
		TenantDirectory shops() {
			return (key) -> key.startsWith("shop") ? TenantDefinition.of(Map.of("shop.title", "Shop " + key)) : null;
		}

	}

	@SpringBootConfiguration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	@Import(ParentController.class)
	static class GroupDirectoriesApp {

		@Bean(DispatchAutoConfiguration.SUBDOMAIN_TENANT_DIRECTORY_BEAN_NAME)
		TenantDirectory subdomainTenants() {
			return (key) -> {
				if (key.equals("sub-failing")) {
					throw new IllegalStateException("The tenant database is down");
				}
				return key.startsWith("sub") ? TenantDefinition.of(Map.of("shop.title", "Subdomain " + key)) : null;
			};
		}

		@Bean(DispatchAutoConfiguration.PATH_TENANT_DIRECTORY_BEAN_NAME)
		TenantDirectory pathTenants() {
			return (key) -> {
				if (key.equals("nosources")) {
					return TenantDefinition.DEFAULT;
				}
				return key.startsWith("path")
						? new TenantDefinition(Map.of("shop.title", "Path " + key), List.of(), List.of(TenantApp.class))
						: null;
			};
		}

	}

	@RestController
	static class ParentController {

		@GetMapping("/**")
		String echo(HttpServletRequest request) {
			return "default " + request.getRequestURI();
		}

	}

	@Configuration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	@Import(ShopController.class)
	static class TenantApp {

	}

	@RestController
	static class ShopController {

		@GetMapping("/whoami")
		String whoami(@Value("${dispatch.tenant}") String tenant, @Value("${shop.title}") String title) {
			return tenant + ": " + title;
		}

	}

}
