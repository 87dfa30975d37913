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

import java.util.Arrays;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import dev.dispatch.autoconfigure.DispatchDefinitions.TenantGroupConfiguration;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link DispatchSetup}: which {@link TenantDirectory} bean each tenant group
 * asks.
 *
 * @author Dispatch contributors
 */
class DispatchSetupTests {

	private final WebApplicationContextRunner contextRunner = new WebApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(DispatchAutoConfiguration.class))
		.withPropertyValues("dispatch.subdomain.domain=example.com",
				"dispatch.subdomain.sources=" + TenantApp.class.getName(), "dispatch.path.prefix=/t",
				"dispatch.path.sources=" + TenantApp.class.getName());

	@Test
	void eachGroupAsksTheDirectoryNamedForIt() {
		this.contextRunner.withUserConfiguration(NamedDirectories.class).run((context) -> {
			DispatchSetup setup = context.getBean(DispatchSetup.class);
			assertThat(knows(setup.subdomain(), "sub", "path", "shared")).containsExactly("sub");
			assertThat(knows(setup.path(), "sub", "path", "shared")).containsExactly("path");
		});
	}

	@Test
	void bothGroupsAskTheOnlyDirectoryThatIsNamedForNoGroup() {
		this.contextRunner.withUserConfiguration(SharedDirectory.class).run((context) -> {
			DispatchSetup setup = context.getBean(DispatchSetup.class);
			assertThat(knows(setup.subdomain(), "sub", "path", "shared")).containsExactly("shared");
			assertThat(knows(setup.path(), "sub", "path", "shared")).containsExactly("shared");
		});
	}

	@Test
	void groupWithoutADirectoryNamedForItAsksTheSharedOne() {
		this.contextRunner.withUserConfiguration(SharedDirectory.class, SubdomainDirectory.class).run((context) -> {
			DispatchSetup setup = context.getBean(DispatchSetup.class);
			assertThat(knows(setup.subdomain(), "sub", "path", "shared")).containsExactly("sub");
			assertThat(knows(setup.path(), "sub", "path", "shared")).containsExactly("shared");
		});
	}

	@Test
	void twoDirectoriesNamedForNoGroupFailTheStartNamingBoth() {
		this.contextRunner.withUserConfiguration(SharedDirectory.class, AnotherSharedDirectory.class)
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.hasMessageContaining("sharedDirectory")
				.hasMessageContaining("anotherDirectory")
				.hasMessageContaining(DispatchAutoConfiguration.SUBDOMAIN_TENANT_DIRECTORY_BEAN_NAME)
				.hasMessageContaining(DispatchAutoConfiguration.PATH_TENANT_DIRECTORY_BEAN_NAME));
	}

	private static Set<String> knows(TenantGroupConfiguration group, String... keys) {
		return Arrays.stream(keys)
			.filter((key) -> group.tenants().apply(key) != null)
			.collect(Collectors.toCollection(TreeSet::new));
	}

	private static TenantDirectory knowing(String known) {
		return (key) -> key.equals(known) ? TenantDefinition.DEFAULT : null;
	}

	@Configuration(proxyBeanMethods = false)
	static class NamedDirectories {

		@Bean(DispatchAutoConfiguration.SUBDOMAIN_TENANT_DIRECTORY_BEAN_NAME)
		TenantDirectory subdomainDirectory() {
			return knowing("sub");
		}

		@Bean(DispatchAutoConfiguration.PATH_TENANT_DIRECTORY_BEAN_NAME)
		TenantDirectory pathDirectory() {
			return knowing("path");
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class SubdomainDirectory {

		@Bean(DispatchAutoConfiguration.SUBDOMAIN_TENANT_DIRECTORY_BEAN_NAME)
		TenantDirectory subdomainDirectory() {
			return knowing("sub");
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class SharedDirectory {

		@Bean
		TenantDirectory sharedDirectory() {
			return knowing("shared");
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class AnotherSharedDirectory {

		@Bean
		TenantDirectory anotherDirectory() {
			return knowing("other");
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class TenantApp {

	}

}
