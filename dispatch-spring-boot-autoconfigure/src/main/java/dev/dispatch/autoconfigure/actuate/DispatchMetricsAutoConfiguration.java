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
import dev.dispatch.autoconfigure.DispatchProperties;
import dev.dispatch.autoconfigure.DispatchedApplications;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.SearchStrategy;
import org.springframework.context.annotation.Bean;

/**
 * {@link org.springframework.boot.autoconfigure.EnableAutoConfiguration
 * Auto-configuration} for the metrics of the dispatched applications.
 *
 * @author Dispatch contributors
 */
@AutoConfiguration(after = DispatchAutoConfiguration.class,
		afterName = "org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration")
@ConditionalOnClass(MeterRegistry.class)
@ConditionalOnBean(value = { MeterRegistry.class, DispatchedApplications.class }, search = SearchStrategy.CURRENT)
public final class DispatchMetricsAutoConfiguration {

	@Bean
	DispatchMetrics dispatchMetrics(DispatchedApplications applications, DispatchProperties properties) {
		return new DispatchMetrics(applications, properties.getMetrics().isTenantTags());
	}

}
