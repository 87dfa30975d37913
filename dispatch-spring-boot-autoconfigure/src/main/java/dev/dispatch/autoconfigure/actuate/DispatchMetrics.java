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
import java.util.function.ToDoubleFunction;

import dev.dispatch.autoconfigure.DispatchedApplications;
import dev.dispatch.autoconfigure.DispatchedApplications.Application;
import dev.dispatch.autoconfigure.DispatchedApplications.Group;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.MeterBinder;

/**
 * Metrics of the dispatched applications on the default application's registry:
 * <ul>
 * <li>{@code dispatch.application.startup}: a timer of starts, tagged with the group and
 * the application;</li>
 * <li>{@code dispatch.applications.live}: a gauge of the live applications of each
 * group;</li>
 * <li>{@code dispatch.application.evictions}: a counter of the tenants stopped to make
 * room or because they were idle, and of applications stopped on request;</li>
 * <li>{@code dispatch.application.requests}: a counter of requests per mount, and per
 * tenant group;</li>
 * <li>{@code dispatch.application.rejected}: a counter of the requests turned away by a
 * mount or tenant that served as many as its {@code max-concurrent-requests};</li>
 * <li>{@code dispatch.starts.running} and {@code dispatch.starts.waiting}: gauges of the
 * line of starts, the waiting ones tagged {@code line=requests} for those that requests
 * wait for and {@code line=background} for pre-starts and restarts;</li>
 * <li>{@code dispatch.starts.refused}: a counter of the starts that the line refused,
 * because as many as {@code dispatch.max-waiting-starts} waited.</li>
 * </ul>
 * Tenants are tagged with their key only when {@code dispatch.metrics.tenant-tags} is
 * set: with many tenants, a tag per tenant would make too many time series.
 *
 * @author Dispatch contributors
 */
final class DispatchMetrics implements MeterBinder, DispatchedApplications.Listener {

	private static final String MOUNTS = "mounts";

	private static final String ALL_TENANTS = "*";

	private final DispatchedApplications applications;

	private final boolean tenantTags;

	private volatile MeterRegistry registry;

	DispatchMetrics(DispatchedApplications applications, boolean tenantTags) {
		this.applications = applications;
		this.tenantTags = tenantTags;
	}

	@Override
	public void bindTo(MeterRegistry registry) {
		this.registry = registry;
		this.applications.addListener(this);
		for (Group group : this.applications.getGroups()) {
			String name = group.name();
			Gauge.builder("dispatch.applications.live", this.applications, (applications) -> live(applications, name))
				.tag("group", name)
				.description("Live dispatched applications")
				.register(registry);
			if (!name.equals(MOUNTS) && !this.tenantTags) {
				requests(registry, name, ALL_TENANTS, (applications) -> group(applications, name).requests());
			}
		}
		for (Application application : this.applications.getApplications()) {
			if (application.group().equals(MOUNTS)) {
				registerRequests(registry, application);
			}
		}
		Gauge
			.builder("dispatch.starts.running", this.applications, (applications) -> applications.getStarts().running())
			.description("Dispatched applications starting")
			.register(registry);
		Gauge
			.builder("dispatch.starts.waiting", this.applications, (applications) -> applications.getStarts().waiting())
			.tag("line", "requests")
			.description("Starts of dispatched applications waiting in line")
			.register(registry);
		Gauge
			.builder("dispatch.starts.waiting", this.applications,
					(applications) -> applications.getStarts().waitingInBackground())
			.tag("line", "background")
			.description("Starts of dispatched applications waiting in line")
			.register(registry);
		FunctionCounter
			.builder("dispatch.starts.refused", this.applications, (applications) -> applications.getStarts().refused())
			.description(
					"Starts refused because as many as dispatch.max-waiting-starts waited; their requests got a 503")
			.register(registry);
	}

	@Override
	public void started(Application application, Duration startupTime) {
		Timer.builder("dispatch.application.startup")
			.tags(tags(application))
			.description("Time taken by a dispatched application to start")
			.register(this.registry)
			.record(startupTime);
		if (this.tenantTags && !application.group().equals(MOUNTS)) {
			registerRequests(this.registry, application);
		}
	}

	@Override
	public void stopped(Application application) {
		Counter.builder("dispatch.application.evictions")
			.tag("group", application.group())
			.description("Dispatched applications closed to make room, when idle, or on request")
			.register(this.registry)
			.increment();
	}

	@Override
	public void rejected(Application application) {
		Counter.builder("dispatch.application.rejected")
			.tags(tags(application))
			.description("Requests that a dispatched application turned away with a 503, because it served as many "
					+ "as its max-concurrent-requests")
			.register(this.registry)
			.increment();
	}

	private void registerRequests(MeterRegistry registry, Application application) {
		String id = application.id();
		requests(registry, application.group(), application.name(), (applications) -> requestsOf(applications, id));
	}

	private void requests(MeterRegistry registry, String group, String application,
			ToDoubleFunction<DispatchedApplications> requests) {
		FunctionCounter.builder("dispatch.application.requests", this.applications, requests)
			.tags(Tags.of("group", group, "application", application))
			.description("Requests served by a dispatched application")
			.register(registry);
	}

	private Tags tags(Application application) {
		boolean tenant = !application.group().equals(MOUNTS);
		return Tags.of("group", application.group(), "application",
				(tenant && !this.tenantTags) ? ALL_TENANTS : application.name());
	}

	private static double live(DispatchedApplications applications, String group) {
		return group(applications, group).live();
	}

	private static Group group(DispatchedApplications applications, String name) {
		return applications.getGroups().stream().filter((group) -> group.name().equals(name)).findFirst().orElseThrow();
	}

	private static double requestsOf(DispatchedApplications applications, String id) {
		Application application = applications.getApplication(id);
		Long requests = (application != null) ? application.requests() : null;
		return (requests != null) ? requests : 0;
	}

}
