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

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.springframework.boot.context.metrics.buffering.BufferingApplicationStartup;
import org.springframework.boot.context.metrics.buffering.StartupTimeline.TimelineEvent;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.metrics.StartupStep;

/**
 * Records where the refresh of each application started while {@link #record() recording}
 * goes, with the {@link org.springframework.core.metrics.ApplicationStartup} steps that
 * Spring Framework marks: configuration class processing (or its reuse, which dispatching
 * marks), each bean's instantiation. It is an initializer of every application of the
 * benchmark's class path (dispatched ones get their initializers from
 * {@code spring.factories} as any Boot application does), inert until a benchmark turns
 * recording on once its default application runs.
 *
 * @author Dispatch contributors
 */
public class StartupSteps implements ApplicationContextInitializer<ConfigurableApplicationContext> {

	private static final String REFRESH = "spring.context.refresh";

	private static final String CONFIGURATION_CLASSES = "spring.context.config-classes.parse";

	// A tenant that reuses what the first of its template processed marks this instead
	private static final String REUSED_CONFIGURATION_CLASSES = "dispatch.config-classes.reuse";

	private static final String INSTANTIATE = "spring.beans.instantiate";

	private static final List<BufferingApplicationStartup> recorded = new ArrayList<>();

	private static volatile boolean recording;

	@Override
	public void initialize(ConfigurableApplicationContext context) {
		if (recording) {
			BufferingApplicationStartup startup = new BufferingApplicationStartup(20_000);
			context.setApplicationStartup(startup);
			synchronized (recorded) {
				recorded.add(startup);
			}
		}
	}

	/**
	 * Record the refresh of every application that starts from now on.
	 */
	static void record() {
		recording = true;
	}

	/**
	 * Stop recording and sum up the refreshes recorded.
	 * @return the milliseconds per refresh
	 */
	static Summary stop() {
		recording = false;
		List<BufferingApplicationStartup> startups;
		synchronized (recorded) {
			startups = List.copyOf(recorded);
			recorded.clear();
		}
		Summary summary = new Summary(startups.size());
		startups.forEach((startup) -> summary.add(startup.getBufferedTimeline().getEvents()));
		return summary;
	}

	/**
	 * Milliseconds per refresh: in all, in configuration class processing, in
	 * instantiating beans (each bean's own time, without the beans that it made first),
	 * and for each bean.
	 */
	static final class Summary {

		private final int refreshes;

		private double refresh;

		private double configurationClasses;

		private double instantiation;

		private final Map<String, Double> beans = new HashMap<>();

		private Summary(int refreshes) {
			this.refreshes = refreshes;
		}

		private void add(List<TimelineEvent> events) {
			Map<Long, Double> nested = new HashMap<>();
			for (TimelineEvent event : events) {
				Long parent = event.getStartupStep().getParentId();
				if (parent != null) {
					nested.merge(parent, millis(event), Double::sum);
				}
			}
			for (TimelineEvent event : events) {
				StartupStep step = event.getStartupStep();
				switch (step.getName()) {
					case REFRESH -> this.refresh += millis(event);
					case CONFIGURATION_CLASSES, REUSED_CONFIGURATION_CLASSES ->
						this.configurationClasses += millis(event);
					case INSTANTIATE -> {
						double own = millis(event) - nested.getOrDefault(step.getId(), 0.0);
						this.instantiation += own;
						this.beans.merge(beanName(step), own, Double::sum);
					}
					default -> {
					}
				}
			}
		}

		private static double millis(TimelineEvent event) {
			return event.getDuration().toNanos() / 1e6;
		}

		private static String beanName(StartupStep step) {
			for (StartupStep.Tag tag : step.getTags()) {
				if (tag.getKey().equals("beanName")) {
					return tag.getValue();
				}
			}
			return "?";
		}

		int refreshes() {
			return this.refreshes;
		}

		double refresh() {
			return this.refresh / this.refreshes;
		}

		double configurationClasses() {
			return this.configurationClasses / this.refreshes;
		}

		double instantiation() {
			return this.instantiation / this.refreshes;
		}

		int beans() {
			return this.beans.size();
		}

		/**
		 * The beans whose own instantiation takes longest, slowest first.
		 * @param limit how many
		 * @return bean names and milliseconds per refresh
		 */
		List<Map.Entry<String, Double>> slowestBeans(int limit) {
			return this.beans.entrySet()
				.stream()
				.sorted(Map.Entry.<String, Double>comparingByValue().reversed())
				.limit(limit)
				.map((entry) -> Map.entry(entry.getKey(), entry.getValue() / this.refreshes))
				.toList();
		}

	}

}
