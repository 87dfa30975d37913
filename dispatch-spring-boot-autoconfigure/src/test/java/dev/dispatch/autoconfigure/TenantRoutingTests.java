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

import jakarta.servlet.http.HttpServletRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.core.env.Environment;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Routing to subdomain and path tenants, through the default application's
 * {@code MockMvc} with a {@code Host} header.
 *
 * @author Dispatch contributors
 */
@SpringBootTest(classes = TenantRoutingTests.ParentApp.class,
		properties = { "dispatch.mounts.backend.path=/backend",
				"dispatch.mounts.backend.sources=dev.dispatch.autoconfigure.TenantRoutingTests$BackendApp",
				"dispatch.subdomain.domain=example.com",
				"dispatch.subdomain.sources=dev.dispatch.autoconfigure.TenantRoutingTests$TenantApp",
				"dispatch.subdomain.properties.shop.title=Default Shop",
				"dispatch.subdomain.tenants.acme.properties.shop.title=ACME Corp",
				"dispatch.subdomain.tenants.globex.profiles=eu",
				"dispatch.path.sources=dev.dispatch.autoconfigure.TenantRoutingTests$TenantApp",
				"dispatch.path.properties.shop.title=Path Shop", "dispatch.path.tenants.acme.properties.x=y",
				"dispatch.path.tenants.initech.properties.shop.title=Initech" })
@AutoConfigureMockMvc
class TenantRoutingTests {

	@Autowired
	private MockMvc mvc;

	@ParameterizedTest(name = "{0}{1} -> {2}")
	@CsvSource(textBlock = """
			acme.example.com,            /whoami,   subdomain acme ACME Corp
			acme.example.com:8080,       /whoami,   subdomain acme ACME Corp
			ACME.Example.COM,            /whoami,   subdomain acme ACME Corp
			acme.example.com.,           /whoami,   subdomain acme ACME Corp
			globex.example.com,          /whoami,   subdomain globex Default Shop
			example.com,                 /whoami,   default /whoami
			evilexample.com,             /whoami,   default /whoami
			acme.example.com.evil.com,   /whoami,   default /whoami
			localhost,                   /whoami,   default /whoami
			[::1],                       /whoami,   default /whoami
			[::1]:8080,                  /whoami,   default /whoami
			localhost,                   /backend/whoami,   backend
			localhost,                   /acme/whoami,      path acme Path Shop
			localhost,                   /initech/whoami,   path initech Initech
			""")
	void routesBySubdomainThenMountThenPath(String host, String path, String answer) throws Exception {
		this.mvc.perform(get(path).header("Host", host)).andExpect(status().isOk()).andExpect(content().string(answer));
	}

	@ParameterizedTest(name = "{0}")
	@CsvSource(textBlock = """
			initech.example.com
			a.acme.example.com
			-acme.example.com
			acme-.example.com
			a_b.example.com
			application.example.com
			""")
	void unknownOrInvalidSubdomainsAreNotFound(String host) throws Exception {
		this.mvc.perform(get("/whoami").header("Host", host)).andExpect(status().isNotFound());
	}

	@Test
	void unknownPathTenantFallsThroughToTheDefaultApplicationWithThePathUntouched() throws Exception {
		this.mvc.perform(get("/globex/whoami")).andExpect(content().string("default /globex/whoami"));
		this.mvc.perform(get("/-acme/whoami")).andExpect(content().string("default /-acme/whoami"));
		this.mvc.perform(get("/ACME/whoami")).andExpect(content().string("default /ACME/whoami"));
	}

	@Test
	void subdomainTenantTakesTheWholeRequestMountPathsIncluded() throws Exception {
		this.mvc.perform(get("/backend/where/x").header("Host", "acme.example.com"))
			.andExpect(content().string("context path '' path info '/backend/where/x'"));
		this.mvc.perform(get("/acme/where/x").header("Host", "acme.example.com"))
			.andExpect(content().string("context path '' path info '/acme/where/x'"));
	}

	@Test
	void subdomainTenantHasTheDefaultApplicationsContextPath() throws Exception {
		this.mvc.perform(get("/where/x").header("Host", "acme.example.com"))
			.andExpect(content().string("context path '' path info '/where/x'"));
	}

	@Test
	void pathTenantHasItsKeyAsContextPathAndRedirectsToItsRoot() throws Exception {
		this.mvc.perform(get("/acme/where/x")).andExpect(content().string("context path '/acme' path info '/where/x'"));
		this.mvc.perform(get("/acme?q=1")).andExpect(status().isFound()).andExpect(redirectedUrl("/acme/?q=1"));
	}

	@Test
	void tenantsHaveTheirOwnConfiguration() throws Exception {
		this.mvc.perform(get("/config").header("Host", "acme.example.com"))
			.andExpect(content().string("tenant=acme motto=from acme.yml profiles=[] parent=(none)"));
		this.mvc.perform(get("/config").header("Host", "globex.example.com"))
			.andExpect(content().string("tenant=globex motto=(none) profiles=[eu] parent=(none)"));
		this.mvc.perform(get("/initech/config"))
			.andExpect(content().string("tenant=initech motto=(none) profiles=[] parent=(none)"));
	}

	@SpringBootConfiguration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	@Import(ParentController.class)
	static class ParentApp {

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
	@Import(WhoAmIController.class)
	static class BackendApp {

		@Bean
		String name() {
			return "backend";
		}

	}

	@Configuration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	@Import(TenantController.class)
	static class TenantApp {

	}

	@RestController
	static class TenantController {

		private final Environment environment;

		TenantController(Environment environment) {
			this.environment = environment;
		}

		@GetMapping("/whoami")
		String whoami(HttpServletRequest request, @Value("${dispatch.tenant}") String tenant,
				@Value("${shop.title}") String title) {
			String group = request.getContextPath().isEmpty() ? "subdomain" : "path";
			return group + " " + tenant + " " + title;
		}

		@GetMapping({ "/where/**", "/backend/**", "/acme/**" })
		String where(HttpServletRequest request) {
			return "context path '" + request.getContextPath() + "' path info '" + request.getPathInfo() + "'";
		}

		@GetMapping("/config")
		String config() {
			return "tenant=" + this.environment.getProperty("dispatch.tenant") + " motto="
					+ this.environment.getProperty("shop.motto", "(none)") + " profiles="
					+ java.util.List.of(this.environment.getActiveProfiles()) + " parent="
					+ this.environment.getProperty("dispatch.subdomain.domain", "(none)");
		}

	}

}
