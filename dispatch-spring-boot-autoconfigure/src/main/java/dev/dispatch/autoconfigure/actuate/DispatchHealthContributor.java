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

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;

import dev.dispatch.autoconfigure.DispatchedApplications;
import dev.dispatch.autoconfigure.DispatchedApplications.Application;
import dev.dispatch.autoconfigure.DispatchedApplications.State;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.health.contributor.CompositeHealthContributor;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthContributor;
import org.springframework.boot.health.contributor.HealthContributors;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.registry.HealthContributorRegistry;
import org.springframework.web.context.WebApplicationContext;

/**
 * The health of the dispatched applications: {@code mounts}, {@code subdomain} and
 * {@code path}, each with an entry per application. A mount that failed to start is DOWN;
 * one that has not started yet (a lazy mount before its first request) is UP. A running
 * application that has Actuator itself contributes its own health indicators.
 *
 * @author Dispatch contributors
 */
final class DispatchHealthContributor implements CompositeHealthContributor {

	private final DispatchedApplications applications;

	DispatchHealthContributor(DispatchedApplications applications) {
		this.applications = applications;
	}

	@Override
	public @Nullable HealthContributor getContributor(String name) {
		return groups().get(name);
	}

	@Override
	public Stream<HealthContributors.Entry> stream() {
		return groups().entrySet()
			.stream()
			.map((entry) -> new HealthContributors.Entry(entry.getKey(), entry.getValue()));
	}

	private Map<String, HealthContributor> groups() {
		Map<String, Map<String, HealthContributor>> groups = new LinkedHashMap<>();
		this.applications.getGroups().forEach((group) -> groups.put(group.name(), new LinkedHashMap<>()));
		for (Application application : this.applications.getApplications()) {
			if (application.state() != State.STOPPING) {
				groups.get(application.group()).put(application.name(), contributor(application));
			}
		}
		Map<String, HealthContributor> contributors = new LinkedHashMap<>();
		groups.forEach((name, members) -> contributors.put(name, CompositeHealthContributor.fromMap(members)));
		return contributors;
	}

	private static HealthContributor contributor(Application application) {
		WebApplicationContext context = application.context();
		if (context != null) {
			// The application's own registry: never one it inherits
			String[] registries = context.getBeanNamesForType(HealthContributorRegistry.class);
			if (registries.length == 1) {
				return new ApplicationHealth(context.getBean(registries[0], HealthContributorRegistry.class));
			}
		}
		return (HealthIndicator) () -> health(application);
	}

	private static Health health(Application application) {
		Health.Builder builder = (application.state() == State.FAILED) ? Health.down() : Health.up();
		builder.withDetail("state", application.state().name());
		if (application.state() == State.FAILED) {
			builder.withDetail("error", String.valueOf(application.failure()));
		}
		else if (application.failure() != null) {
			// Serving, with the instance that a failed restart left running
			builder.withDetail("restartError", application.failure());
		}
		return builder.build();
	}

	/**
	 * The health contributors of an application that has Actuator.
	 */
	private record ApplicationHealth(HealthContributors contributors) implements CompositeHealthContributor {

		@Override
		public @Nullable HealthContributor getContributor(String name) {
			return this.contributors.getContributor(name);
		}

		@Override
		public Stream<HealthContributors.Entry> stream() {
			return this.contributors.stream();
		}

	}

}
