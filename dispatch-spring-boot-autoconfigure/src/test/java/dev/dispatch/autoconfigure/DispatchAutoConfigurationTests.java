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

import dev.dispatch.application.DispatchedApplicationRegistry;
import dev.dispatch.autoconfigure.DispatchedApplications.Application;
import dev.dispatch.autoconfigure.DispatchedApplications.State;
import dev.dispatch.web.DispatchFilter;
import jakarta.servlet.DispatcherType;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.assertj.AssertableWebApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.context.WebApplicationContext;
import org.springframework.web.servlet.DispatcherServlet;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link DispatchAutoConfiguration}.
 *
 * @author Dispatch contributors
 */
class DispatchAutoConfigurationTests {

	private static final String APP = "dispatch.mounts.backend.sources=" + ChildApp.class.getName();

	private final WebApplicationContextRunner contextRunner = new WebApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(DispatchAutoConfiguration.class));

	@Test
	void registersTheDispatchFilterForEveryDispatcherType() {
		this.contextRunner.withPropertyValues("dispatch.mounts.backend.path=/backend", APP).run((context) -> {
			FilterRegistrationBean<?> registration = context.getBean(
					DispatchAutoConfiguration.DISPATCH_FILTER_REGISTRATION_BEAN_NAME, FilterRegistrationBean.class);
			assertThat(registration.getFilter()).isInstanceOf(DispatchFilter.class);
			assertThat(registration.getFilterName()).isEqualTo(DispatchAutoConfiguration.DISPATCH_FILTER_NAME);
			assertThat(registration.determineDispatcherTypes()).containsExactlyInAnyOrder(DispatcherType.values());
			assertThat(registration.getOrder()).isZero();
		});
	}

	@Test
	void filterOrderCanBeConfigured() {
		this.contextRunner.withPropertyValues("dispatch.filter-order=-200").run((context) -> {
			FilterRegistrationBean<?> registration = context.getBean(
					DispatchAutoConfiguration.DISPATCH_FILTER_REGISTRATION_BEAN_NAME, FilterRegistrationBean.class);
			assertThat(registration.getOrder()).isEqualTo(-200);
		});
	}

	@Test
	void lazyMountsDoNotStartWithTheDefaultApplication() {
		this.contextRunner.withPropertyValues("dispatch.mounts.backend.path=/backend", APP).run((context) -> {
			DispatchedApplications applications = context.getBean(DispatchedApplications.class);
			assertThat(applications.getApplication("backend").state()).isEqualTo(State.NOT_STARTED);
		});
	}

	@Test
	void eagerMountsStartWithTheDefaultApplication() {
		this.contextRunner
			.withPropertyValues("dispatch.mounts.backend.path=/backend", "dispatch.mounts.backend.eager=true", APP)
			.run((context) -> {
				Application backend = context.getBean(DispatchedApplications.class).getApplication("backend");
				assertThat(backend.state()).isEqualTo(State.RUNNING);
				assertThat(backend.context().getId()).isEqualTo(context.getId() + ":backend");
				assertThat(backend.context().getBean(ChildApp.class)).isNotNull();
				assertThat(backend.context().getParent()).isNull();
			});
	}

	@Test
	void closingTheDefaultApplicationClosesItsMounts() {
		this.contextRunner
			.withPropertyValues("dispatch.mounts.backend.path=/backend", "dispatch.mounts.backend.eager=true", APP)
			.run((context) -> {
				WebApplicationContext backend = context.getBean(DispatchedApplications.class)
					.getApplication("backend")
					.context();
				context.close();
				assertThat(((ConfigurableApplicationContext) backend).isActive()).isFalse();
			});
	}

	@Test
	void backsOffWhenDisabled() {
		this.contextRunner.withPropertyValues("dispatch.enabled=false", "dispatch.mounts.backend.path=/backend", APP)
			.run((context) -> assertThat(context).doesNotHaveBean(DispatchedApplicationRegistry.class)
				.doesNotHaveBean(DispatchAutoConfiguration.DISPATCH_FILTER_REGISTRATION_BEAN_NAME));
	}

	@Test
	void backsOffWithoutSpringMvc() {
		this.contextRunner.withClassLoader(new FilteredClassLoader(DispatcherServlet.class))
			.run((context) -> assertThat(context).doesNotHaveBean(DispatchedApplicationRegistry.class));
	}

	@Test
	void backsOffInANonWebApplication() {
		new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(DispatchAutoConfiguration.class))
			.withPropertyValues("dispatch.mounts.backend.path=/backend", APP)
			.run((context) -> assertThat(context).doesNotHaveBean(DispatchedApplicationRegistry.class));
	}

	@Test
	void mountWithoutPathFailsWithHelpfulMessage() {
		assertFailure(APP, "dispatch.mounts.backend.path", "Set 'dispatch.mounts.backend.path'");
	}

	@Test
	void mountAtRootFailsWithHelpfulMessage() {
		assertFailure("dispatch.mounts.backend.path=/", "'/' for property 'dispatch.mounts.backend.path'",
				"make it the default application");
	}

	@Test
	void mountWithTrailingSlashFailsWithHelpfulMessage() {
		assertFailure("dispatch.mounts.backend.path=/backend/",
				"'/backend/' for property 'dispatch.mounts.backend.path'",
				"Set 'dispatch.mounts.backend.path' to '/backend'");
	}

	@Test
	void mountWithoutLeadingSlashFailsWithHelpfulMessage() {
		assertFailure("dispatch.mounts.backend.path=api/v2", "'api/v2' for property 'dispatch.mounts.backend.path'",
				"to '/api/v2'");
	}

	@Test
	void mountWithEmptyOrDotSegmentFailsWithHelpfulMessage() {
		assertFailure("dispatch.mounts.backend.path=/api//v2", "'/api//v2'", "to '/api/v2'");
		assertFailure("dispatch.mounts.backend.path=/api/../v2", "'/api/../v2'", "to '/api/v2'");
	}

	@Test
	void mountWithReservedCharactersFailsWithHelpfulMessage() {
		assertFailure("dispatch.mounts.backend.path=/back end", "'/back end'", "to '/back-end'");
		assertFailure("dispatch.mounts.backend.path=/back%20end", "'/back%20end'", "to '/back-20end'");
	}

	@Test
	void mountsWithTheSamePathFailWithHelpfulMessage() {
		this.contextRunner
			.withPropertyValues("dispatch.mounts.one.path=/backend",
					"dispatch.mounts.one.sources=" + ChildApp.class.getName(), "dispatch.mounts.two.path=/backend",
					"dispatch.mounts.two.sources=" + ChildApp.class.getName())
			.run((context) -> {
				FailureAnalysis analysis = analyzeConfigurationFailure(context);
				assertThat(analysis.getDescription()).contains("'dispatch.mounts.two.path'")
					.contains("the path of the mount 'one'");
				assertThat(analysis.getAction()).contains("Give each mount a path of its own");
			});
	}

	@Test
	void mountWithoutSourcesFailsWithHelpfulMessage() {
		assertFailure(new String[] { "dispatch.mounts.backend.path=/backend" }, "'dispatch.mounts.backend.sources'",
				"@SpringBootApplication or @Configuration class");
	}

	@Test
	void mountWithUnknownSourcesClassFailsWithHelpfulMessage() {
		assertFailure(
				new String[] { "dispatch.mounts.backend.path=/backend",
						"dispatch.mounts.backend.sources=com.example.Missing" },
				"'com.example.Missing' for property 'dispatch.mounts.backend.sources[0]'",
				"Check the class name in 'dispatch.mounts.backend.sources'");
	}

	@Test
	void mountWithInvalidNameFailsWithHelpfulMessage() {
		this.contextRunner
			.withPropertyValues("dispatch.mounts.[my,app].path=/backend",
					"dispatch.mounts.[my,app].sources=" + ChildApp.class.getName())
			.run((context) -> {
				FailureAnalysis analysis = analyzeConfigurationFailure(context);
				assertThat(analysis.getDescription()).contains("'dispatch.mounts.my,app'")
					.contains("spring.config.name");
				assertThat(analysis.getAction()).contains("'my-app'");
			});
	}

	@Test
	void subdomainTenantsWithoutDomainFailWithHelpfulMessage() {
		assertFailure(new String[] { "dispatch.subdomain.sources=" + ChildApp.class.getName() },
				"for property 'dispatch.subdomain.domain'", "such as 'example.com' for acme.example.com");
	}

	@Test
	void domainWithSchemeOrPortFailsWithHelpfulMessage() {
		assertFailure(
				new String[] { "dispatch.subdomain.domain=https://example.com",
						"dispatch.subdomain.sources=" + ChildApp.class.getName() },
				"'https://example.com' for property 'dispatch.subdomain.domain'", "to the domain alone");
		assertFailure(
				new String[] { "dispatch.subdomain.domain=example.com:8080",
						"dispatch.subdomain.sources=" + ChildApp.class.getName() },
				"'example.com:8080'", "to the domain alone");
	}

	@Test
	void tenantGroupWithoutSourcesFailsWithHelpfulMessage() {
		assertFailure(new String[] { "dispatch.subdomain.domain=example.com" },
				"for property 'dispatch.subdomain.sources'", "@SpringBootApplication or @Configuration class");
		assertFailure(new String[] { "dispatch.path.tenants.acme.properties.x=y" },
				"for property 'dispatch.path.sources'", "@SpringBootApplication or @Configuration class");
	}

	@Test
	void tenantWithInvalidKeyFailsWithHelpfulMessage() {
		assertFailure(
				new String[] { "dispatch.subdomain.domain=example.com",
						"dispatch.subdomain.sources=" + ChildApp.class.getName(),
						"dispatch.subdomain.tenants.[a_b].properties.x=y" },
				"'a_b' for property 'dispatch.subdomain.tenants.a_b'", "Rename the tenant, for example to 'a-b'");
		assertFailure(
				new String[] { "dispatch.path.sources=" + ChildApp.class.getName(),
						"dispatch.path.tenants.application.properties.x=y" },
				"and not 'application'", "Rename the tenant");
	}

	@Test
	void pathTenantWithTheFirstSegmentOfAMountFailsWithHelpfulMessage() {
		assertFailure(new String[] { "dispatch.mounts.backend.path=/backend", APP,
				"dispatch.path.sources=" + ChildApp.class.getName(), "dispatch.path.tenants.backend.properties.x=y" },
				"the path tenant 'backend' at '/backend' and the mount 'backend' at '/backend' have the same first segment",
				"set 'dispatch.path.prefix'");
	}

	@Test
	void pathPrefixUnderAMountFailsWithHelpfulMessage() {
		assertFailure(
				new String[] { "dispatch.mounts.backend.path=/t", APP, "dispatch.path.prefix=/t/x",
						"dispatch.path.sources=" + ChildApp.class.getName() },
				"for property 'dispatch.path.prefix': the mount 'backend' at '/t' would take every request",
				"a prefix that no mount path starts");
	}

	@Test
	void maxInstancesBelowOneFailsWithHelpfulMessage() {
		assertFailure(
				new String[] { "dispatch.path.sources=" + ChildApp.class.getName(), "dispatch.path.max-instances=0" },
				"'0' for property 'dispatch.path.max-instances'", "to 1 or more");
	}

	@Test
	void tenantGroupsAreOffUntilConfigured() {
		this.contextRunner
			.run((context) -> assertThat(context.getBean(DispatchedApplicationRegistry.class).getTenantGroups())
				.isEmpty());
	}

	@Test
	void eagerMountThatFailsToStartFailsTheDefaultApplicationWithHelpfulMessage() {
		this.contextRunner
			.withPropertyValues("dispatch.mounts.broken.path=/broken", "dispatch.mounts.broken.eager=true",
					"dispatch.mounts.broken.sources=" + BrokenApp.class.getName())
			.run((context) -> {
				assertThat(context).hasFailed();
				FailureAnalysis analysis = new DispatchedApplicationStartupFailureAnalyzer()
					.analyze(context.getStartupFailure());
				assertThat(analysis).isNotNull();
				assertThat(analysis.getDescription()).contains("The mount 'broken' failed to start")
					.contains(
							"No qualifying bean of type 'dev.dispatch.autoconfigure.DispatchAutoConfigurationTests$Missing'");
				assertThat(analysis.getAction()).contains("'dispatch.mounts.broken.eager' to false");
			});
	}

	private void assertFailure(String path, String description, String action) {
		assertFailure(new String[] { path, APP }, description, action);
	}

	private void assertFailure(String[] properties, String description, String action) {
		this.contextRunner.withPropertyValues(properties).run((context) -> {
			FailureAnalysis analysis = analyzeConfigurationFailure(context);
			assertThat(analysis.getDescription()).contains(description);
			assertThat(analysis.getAction()).contains(action);
		});
	}

	private FailureAnalysis analyzeConfigurationFailure(AssertableWebApplicationContext context) {
		assertThat(context).hasFailed();
		FailureAnalysis analysis = new InvalidDispatchConfigurationFailureAnalyzer()
			.analyze(context.getStartupFailure());
		assertThat(analysis).as("failure analysis of %s", context.getStartupFailure()).isNotNull();
		return analysis;
	}

	@Configuration(proxyBeanMethods = false)
	static class ChildApp {

	}

	@Configuration(proxyBeanMethods = false)
	static class BrokenApp {

		@Bean
		String needsMissing(@Autowired Missing missing) {
			return "never";
		}

	}

	interface Missing {

	}

}
