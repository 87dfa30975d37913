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

import java.time.Duration;
import java.util.List;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.MeterBinder;
import dev.dispatch.application.ApplicationDefinition;
import dev.dispatch.application.ApplicationInstance;
import dev.dispatch.application.DispatchListener;
import dev.dispatch.application.DispatchedApplication;
import dev.dispatch.application.DispatchedApplicationRegistry;
import dev.dispatch.application.TenantGroup;

/**
 * Metrics of the dispatched applications on the default application's registry:
 * <ul>
 * <li>{@code dispatch.application.startup}: a timer of starts, tagged with the group and
 * the application;</li>
 * <li>{@code dispatch.applications.live}: a gauge of the live applications of each
 * group;</li>
 * <li>{@code dispatch.application.evictions}: a counter of the tenants closed to make
 * room or because they were idle, and of applications stopped through the endpoint;</li>
 * <li>{@code dispatch.application.requests}: a counter of requests per mount, and per
 * tenant group.</li>
 * </ul>
 * Tenants are tagged with their key only when {@code dispatch.metrics.tenant-tags} is
 * set: with many tenants, a tag per tenant would make too many time series.
 *
 * @author Dispatch contributors
 */
final class DispatchMetrics implements MeterBinder, DispatchListener {

	private static final String ALL_TENANTS = "*";

	private final DispatchedApplicationRegistry applications;

	private final boolean tenantTags;

	private volatile MeterRegistry registry;

	DispatchMetrics(DispatchedApplicationRegistry applications, boolean tenantTags) {
		this.applications = applications;
		this.tenantTags = tenantTags;
	}

	@Override
	public void bindTo(MeterRegistry registry) {
		this.registry = registry;
		this.applications.getListeners().add(this);
		List<DispatchedApplication> mounts = this.applications.getMounts();
		if (!mounts.isEmpty()) {
			Gauge.builder("dispatch.applications.live", mounts, (all) -> all.stream().filter(DispatchedApplication::isRunning).count())
				.tag("group", ApplicationDefinition.MOUNTS)
				.description("Live dispatched applications")
				.register(registry);
		}
		for (DispatchedApplication mount : mounts) {
			FunctionCounter.builder("dispatch.application.requests", mount, DispatchedApplication::getRequests)
				.tags(tags(mount.getDefinition()))
				.description("Requests served by a dispatched application")
				.register(registry);
		}
		for (TenantGroup group : this.applications.getTenantGroups()) {
			String name = group.getDefinition().name();
			Gauge.builder("dispatch.applications.live", group, TenantGroup::liveCount)
				.tag("group", name)
				.description("Live dispatched applications")
				.register(registry);
			if (!this.tenantTags) {
				FunctionCounter.builder("dispatch.application.requests", group, TenantGroup::getRequests)
					.tags(Tags.of("group", name, "application", ALL_TENANTS))
					.description("Requests served by a dispatched application")
					.register(registry);
			}
		}
	}

	@Override
	public void started(ApplicationInstance application, Duration startupTime) {
		MeterRegistry registry = this.registry;
		ApplicationDefinition definition = application.getDefinition();
		Timer.builder("dispatch.application.startup")
			.tags(tags(definition))
			.description("Time taken by a dispatched application to start")
			.register(registry)
			.record(startupTime);
		if (this.tenantTags && !definition.group().equals(ApplicationDefinition.MOUNTS)) {
			DispatchedApplication tenant = this.applications.find(definition.id());
			if (tenant != null) {
				FunctionCounter.builder("dispatch.application.requests", tenant, DispatchedApplication::getRequests)
					.tags(tags(definition))
					.description("Requests served by a dispatched application")
					.register(registry);
			}
		}
	}

	@Override
	public void evicted(ApplicationDefinition application) {
		Counter.builder("dispatch.application.evictions")
			.tag("group", application.group())
			.description("Dispatched applications closed to make room, when idle, or on request")
			.register(this.registry)
			.increment();
	}

	private Tags tags(ApplicationDefinition definition) {
		boolean tenant = !definition.group().equals(ApplicationDefinition.MOUNTS);
		return Tags.of("group", definition.group(), "application",
				(tenant && !this.tenantTags) ? ALL_TENANTS : definition.name());
	}

}
