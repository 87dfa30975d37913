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

package dev.dispatch.benchmarks.startup;

import java.util.Map;

import dev.dispatch.autoconfigure.TenantDefinition;
import dev.dispatch.autoconfigure.TenantDirectory;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.core.env.Environment;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.config.annotation.EnableWebMvc;

/**
 * The applications of the start-up benchmark: a default application whose path tenants
 * are every key, and the templates that tenants are made of.
 *
 * @author Dispatch contributors
 */
public final class StartupApplications {

	private StartupApplications() {
	}

	/**
	 * The default application: every key under {@code /t} is a tenant, with a greeting of
	 * its own.
	 */
	@SpringBootConfiguration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	public static class DefaultApplication {

		@Bean
		TenantDirectory tenantDirectory() {
			return (key) -> TenantDefinition.of(Map.of("greeting", "hello " + key));
		}

	}

	/**
	 * A tenant template with Boot's full auto-configuration, as most applications are.
	 */
	@SpringBootConfiguration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	@Import(GreetingController.class)
	public static class BootTemplate {

	}

	/**
	 * The same application as {@link BootTemplate}, of another class: its tenants warm
	 * the JVM up without starting anything of the templates measured after them.
	 */
	@SpringBootConfiguration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	@Import(GreetingController.class)
	public static class WarmUpTemplate {

	}

	/**
	 * The smallest Spring MVC tenant template: no auto-configuration.
	 */
	@Configuration(proxyBeanMethods = false)
	@EnableWebMvc
	@Import(GreetingController.class)
	public static class BareTemplate {

	}

	@RestController
	static class GreetingController {

		private final String greeting;

		GreetingController(Environment environment) {
			this.greeting = environment.getProperty("greeting", "hello");
		}

		@GetMapping("/hello")
		String hello() {
			return this.greeting;
		}

	}

}
