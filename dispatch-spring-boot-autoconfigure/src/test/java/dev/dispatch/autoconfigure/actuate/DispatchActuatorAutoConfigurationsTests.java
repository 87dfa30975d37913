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

package dev.dispatch.autoconfigure.actuate;

import dev.dispatch.autoconfigure.DispatchAutoConfiguration;
import dev.dispatch.autoconfigure.DispatchedApplications;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.contributor.HealthContributor;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link DispatchEndpointAutoConfiguration},
 * {@link DispatchHealthContributorAutoConfiguration} and
 * {@link DispatchMetricsAutoConfiguration}: each backs off on its own.
 *
 * @author Dispatch contributors
 */
class DispatchActuatorAutoConfigurationsTests {

	private final WebApplicationContextRunner contextRunner = new WebApplicationContextRunner()
		.withConfiguration(
				AutoConfigurations.of(DispatchAutoConfiguration.class, DispatchEndpointAutoConfiguration.class,
						DispatchHealthContributorAutoConfiguration.class, DispatchMetricsAutoConfiguration.class))
		.withPropertyValues("management.endpoints.web.exposure.include=dispatch")
		.withUserConfiguration(MeterRegistryConfiguration.class);

	@Test
	void endpointHealthAndMetricsAreConfiguredByDefault() {
		this.contextRunner.run((context) -> assertThat(context).hasSingleBean(DispatchEndpoint.class)
			.hasBean(DispatchHealthContributorAutoConfiguration.DISPATCH_HEALTH_CONTRIBUTOR_BEAN_NAME)
			.hasSingleBean(DispatchMetrics.class));
	}

	@Test
	void nothingIsConfiguredWithoutDispatching() {
		this.contextRunner.withPropertyValues("dispatch.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(DispatchedApplications.class)
				.doesNotHaveBean(DispatchEndpoint.class)
				.doesNotHaveBean(DispatchHealthContributorAutoConfiguration.DISPATCH_HEALTH_CONTRIBUTOR_BEAN_NAME)
				.doesNotHaveBean(DispatchMetrics.class));
	}

	@Test
	void endpointBacksOffWithoutActuator() {
		this.contextRunner.withClassLoader(new FilteredClassLoader(Endpoint.class))
			.run((context) -> assertThat(context).doesNotHaveBean(DispatchEndpoint.class)
				.hasSingleBean(DispatchMetrics.class));
	}

	@Test
	void endpointBacksOffWhenNotExposed() {
		this.contextRunner.withPropertyValues("management.endpoints.web.exposure.include=health")
			.run((context) -> assertThat(context).doesNotHaveBean(DispatchEndpoint.class));
	}

	@Test
	void endpointBacksOffForAnEndpointOfTheUsers() {
		this.contextRunner.withUserConfiguration(UserEndpointConfiguration.class)
			.run((context) -> assertThat(context).getBean(DispatchEndpoint.class)
				.isSameAs(context.getBean(UserEndpointConfiguration.class).endpoint));
	}

	@Test
	void healthBacksOffWithoutSpringBootHealth() {
		this.contextRunner.withClassLoader(new FilteredClassLoader(HealthContributor.class))
			.run((context) -> assertThat(context)
				.doesNotHaveBean(DispatchHealthContributorAutoConfiguration.DISPATCH_HEALTH_CONTRIBUTOR_BEAN_NAME)
				.hasSingleBean(DispatchEndpoint.class));
	}

	@Test
	void healthBacksOffWhenItsIndicatorIsDisabled() {
		this.contextRunner.withPropertyValues("management.health.dispatch.enabled=false")
			.run((context) -> assertThat(context)
				.doesNotHaveBean(DispatchHealthContributorAutoConfiguration.DISPATCH_HEALTH_CONTRIBUTOR_BEAN_NAME));
	}

	@Test
	void metricsBackOffWithoutAMeterRegistry() {
		new WebApplicationContextRunner()
			.withConfiguration(
					AutoConfigurations.of(DispatchAutoConfiguration.class, DispatchMetricsAutoConfiguration.class))
			.run((context) -> assertThat(context).hasSingleBean(DispatchedApplications.class)
				.doesNotHaveBean(DispatchMetrics.class));
	}

	@Test
	void metricsBackOffWithoutMicrometer() {
		this.contextRunner.withClassLoader(new FilteredClassLoader(MeterRegistry.class))
			.run((context) -> assertThat(context).doesNotHaveBean(DispatchMetrics.class));
	}

	@Configuration(proxyBeanMethods = false)
	static class MeterRegistryConfiguration {

		@Bean
		SimpleMeterRegistry meterRegistry() {
			return new SimpleMeterRegistry();
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class UserEndpointConfiguration {

		final DispatchEndpoint endpoint;

		UserEndpointConfiguration(DispatchedApplications applications) {
			this.endpoint = new DispatchEndpoint(applications);
		}

		@Bean
		DispatchEndpoint userDispatchEndpoint() {
			return this.endpoint;
		}

	}

}
