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

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.SearchStrategy;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.HealthContributor;
import org.springframework.context.annotation.Bean;

/**
 * {@link org.springframework.boot.autoconfigure.EnableAutoConfiguration
 * Auto-configuration} for the health of the dispatched applications.
 *
 * @author Dispatch contributors
 */
@AutoConfiguration(after = DispatchAutoConfiguration.class)
@ConditionalOnClass({ HealthContributor.class, ConditionalOnEnabledHealthIndicator.class })
@ConditionalOnBean(value = DispatchedApplications.class, search = SearchStrategy.CURRENT)
@ConditionalOnEnabledHealthIndicator("dispatch")
public final class DispatchHealthContributorAutoConfiguration {

	/**
	 * The bean name of the health contributor, which makes {@code dispatch} its name in
	 * the health endpoint.
	 */
	public static final String DISPATCH_HEALTH_CONTRIBUTOR_BEAN_NAME = "dispatchHealthContributor";

	@Bean(DISPATCH_HEALTH_CONTRIBUTOR_BEAN_NAME)
	@ConditionalOnMissingBean(name = DISPATCH_HEALTH_CONTRIBUTOR_BEAN_NAME)
	HealthContributor dispatchHealthContributor(DispatchedApplications applications) {
		return new DispatchHealthContributor(applications);
	}

}
