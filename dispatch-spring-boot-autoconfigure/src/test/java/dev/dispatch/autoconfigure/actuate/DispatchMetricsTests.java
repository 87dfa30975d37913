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
import java.util.ArrayList;
import java.util.List;

import dev.dispatch.autoconfigure.DispatchedApplications;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

import org.springframework.web.context.WebApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link DispatchMetrics}, against applications whose figures the test sets.
 *
 * @author Dispatch contributors
 */
class DispatchMetricsTests {

	private final FakeApplications applications = new FakeApplications();

	private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

	@Test
	void requestsAreCountedPerMountAndPerTenantGroup() {
		this.applications.add(application("backend", "mounts", 3));
		this.applications.groups.add(new DispatchedApplications.Group("path", 2, 5));
		new DispatchMetrics(this.applications, false).bindTo(this.registry);
		assertThat(requests("mounts", "backend")).isEqualTo(3.0);
		assertThat(requests("path", "*")).isEqualTo(5.0);
		assertThat(this.registry.get("dispatch.applications.live").tags("group", "path").gauge().value())
			.isEqualTo(2.0);
		assertThat(this.registry.get("dispatch.applications.live").tags("group", "mounts").gauge().value())
			.isEqualTo(1.0);
	}

	@Test
	void startsAreTimedWithTenantsUnderOneTagUnlessTheUserOptsIn() {
		this.applications.groups.add(new DispatchedApplications.Group("path", 0, 0));
		new DispatchMetrics(this.applications, false).bindTo(this.registry);
		this.applications.started(application("backend", "mounts", 0), Duration.ofMillis(30));
		this.applications.started(application("acme", "path", 0), Duration.ofMillis(20));
		this.applications.started(application("globex", "path", 0), Duration.ofMillis(10));
		assertThat(this.registry.get("dispatch.application.startup").tags("application", "backend").timer().count())
			.isOne();
		assertThat(this.registry.get("dispatch.application.startup").tags("application", "*").timer().count())
			.isEqualTo(2);
		assertThat(this.registry.find("dispatch.application.startup").tag("application", "acme").timer()).isNull();
		assertThat(this.registry.find("dispatch.application.requests").tag("application", "acme").meters()).isEmpty();
	}

	@Test
	void tenantsAreTaggedWithTheirKeyWhenTheUserOptsIn() {
		this.applications.groups.add(new DispatchedApplications.Group("path", 0, 0));
		new DispatchMetrics(this.applications, true).bindTo(this.registry);
		DispatchedApplications.Application acme = application("acme", "path", 4);
		this.applications.add(acme);
		this.applications.started(acme, Duration.ofMillis(20));
		assertThat(this.registry.get("dispatch.application.startup").tags("application", "acme").timer().count())
			.isOne();
		assertThat(requests("path", "acme")).isEqualTo(4.0);
		assertThat(this.registry.find("dispatch.application.requests").tag("application", "*").meters()).isEmpty();
	}

	@Test
	void stopsAreCountedPerGroup() {
		new DispatchMetrics(this.applications, false).bindTo(this.registry);
		this.applications.stopped(application("acme", "path", 0));
		this.applications.stopped(application("globex", "path", 0));
		this.applications.stopped(application("backend", "mounts", 0));
		assertThat(this.registry.get("dispatch.application.evictions").tags("group", "path").counter().count())
			.isEqualTo(2.0);
		assertThat(this.registry.get("dispatch.application.evictions").tags("group", "mounts").counter().count())
			.isEqualTo(1.0);
	}

	@Test
	void lineOfStartsIsMeasured() {
		new DispatchMetrics(this.applications, false).bindTo(this.registry);
		this.applications.starts = new DispatchedApplications.Starts(2, 5, 1, 7);
		assertThat(this.registry.get("dispatch.starts.running").gauge().value()).isEqualTo(2.0);
		assertThat(this.registry.get("dispatch.starts.waiting").tags("line", "requests").gauge().value())
			.isEqualTo(5.0);
		assertThat(this.registry.get("dispatch.starts.waiting").tags("line", "background").gauge().value())
			.isEqualTo(1.0);
		assertThat(this.registry.get("dispatch.starts.refused").functionCounter().count()).isEqualTo(7.0);
	}

	private double requests(String group, String application) {
		return this.registry.get("dispatch.application.requests")
			.tags("group", group, "application", application)
			.functionCounter()
			.count();
	}

	private static DispatchedApplications.Application application(String name, String group, long requests) {
		String id = group.equals("mounts") ? name : group + ":" + name;
		return new DispatchedApplications.Application(id, group, name, "/" + name, List.of(),
				DispatchedApplications.State.RUNNING, null, null, 0, requests, 0L, null, null, null);
	}

	/**
	 * Applications whose figures the test sets, and whose starts and stops it makes.
	 */
	static final class FakeApplications implements DispatchedApplications {

		final List<Application> applications = new ArrayList<>();

		final List<Group> groups = new ArrayList<>();

		private final List<Listener> listeners = new ArrayList<>();

		Starts starts = new Starts(0, 0, 0, 0);

		void add(Application application) {
			this.applications.add(application);
			if (application.group().equals("mounts")
					&& this.groups.stream().noneMatch((group) -> group.name().equals("mounts"))) {
				this.groups.add(0, new Group("mounts", 1, 0));
			}
		}

		void started(Application application, Duration startupTime) {
			this.listeners.forEach((listener) -> listener.started(application, startupTime));
		}

		void stopped(Application application) {
			this.listeners.forEach((listener) -> listener.stopped(application));
		}

		@Override
		public WebApplicationContext getApplicationContext(String id) {
			throw new UnsupportedOperationException();
		}

		@Override
		public List<Application> getApplications() {
			return this.applications;
		}

		@Override
		public @Nullable Application getApplication(String id) {
			return this.applications.stream()
				.filter((application) -> application.id().equals(id))
				.findFirst()
				.orElse(null);
		}

		@Override
		public boolean stop(String id) {
			return false;
		}

		@Override
		public boolean restart(String id) {
			return false;
		}

		@Override
		public List<Group> getGroups() {
			return this.groups;
		}

		@Override
		public Starts getStarts() {
			return this.starts;
		}

		@Override
		public void addListener(Listener listener) {
			this.listeners.add(listener);
		}

	}

}
