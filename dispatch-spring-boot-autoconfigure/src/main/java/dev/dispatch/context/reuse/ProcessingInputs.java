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

package dev.dispatch.context.reuse;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.support.DefaultListableBeanFactory;
import org.springframework.boot.env.RandomValuePropertySource;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.EnumerablePropertySource;
import org.springframework.core.env.PropertySource;
import org.springframework.core.env.PropertySource.StubPropertySource;
import org.springframework.core.env.SystemEnvironmentPropertySource;

/**
 * What the processing of an application's configuration classes starts from, as far as it
 * can differ between the applications of a template: the bean definitions registered
 * before it, the parent, whether overriding is allowed, the profiles and the property
 * sources.
 *
 * @param names the names of the bean definitions registered before
 * @param classes their classes
 * @param parent the parent bean factory
 * @param overriding whether bean definition overriding is allowed
 * @param activeProfiles the active profiles
 * @param defaultProfiles the default profiles
 * @param sources the property sources
 * @author Dispatch contributors
 */
record ProcessingInputs(List<String> names, List<@Nullable String> classes, @Nullable Object parent, boolean overriding,
		List<String> activeProfiles, List<String> defaultProfiles, List<Source> sources) {

	static ProcessingInputs of(ConfigurableEnvironment environment, DefaultListableBeanFactory beanFactory) {
		String[] names = beanFactory.getBeanDefinitionNames();
		List<@Nullable String> classes = new ArrayList<>(names.length);
		for (String name : names) {
			classes.add(beanFactory.getBeanDefinition(name).getBeanClassName());
		}
		return new ProcessingInputs(List.of(names), classes, beanFactory.getParentBeanFactory(),
				beanFactory.isAllowBeanDefinitionOverriding(), List.of(environment.getActiveProfiles()),
				List.of(environment.getDefaultProfiles()), sourcesOf(environment));
	}

	static List<Source> sourcesOf(ConfigurableEnvironment environment) {
		List<Source> sources = new ArrayList<>();
		for (PropertySource<?> source : environment.getPropertySources()) {
			if (!source.getName().equals(ReuseInternals.ATTACHED_PROPERTY_SOURCE_NAME)) {
				sources.add(Source.of(source));
			}
		}
		return sources;
	}

	boolean matches(ProcessingInputs other) {
		return this.names.equals(other.names) && this.classes.equals(other.classes) && this.parent == other.parent
				&& this.overriding == other.overriding && this.activeProfiles.equals(other.activeProfiles)
				&& this.defaultProfiles.equals(other.defaultProfiles) && this.sources.equals(other.sources);
	}

	/**
	 * A property source, as far as processing configuration classes can tell: its name,
	 * its type and, unless it is one whose content is fixed, its content. Of an
	 * application's own properties only the names count, and the values that were read.
	 * The content of a source that cannot list its properties is unknown, and processing
	 * with one in the environment is not reused.
	 *
	 * @param name its name
	 * @param type its type
	 * @param content its content, as far as it counts
	 */
	record Source(String name, Class<?> type, @Nullable Object content) {

		private static final Object UNKNOWN = new Object();

		static Source of(PropertySource<?> source) {
			return new Source(source.getName(), source.getClass(), contentOf(source));
		}

		private static @Nullable Object contentOf(PropertySource<?> source) {
			if (source instanceof RecordingPropertySource recording) {
				return Set.copyOf(Arrays.asList(recording.getPropertyNames()));
			}
			if (source instanceof SystemEnvironmentPropertySource) {
				// The process's environment variables: fixed for its life
				return source.getSource();
			}
			if (source instanceof EnumerablePropertySource<?> enumerable) {
				Map<String, @Nullable Object> content = new LinkedHashMap<>();
				for (String name : enumerable.getPropertyNames()) {
					content.put(name, enumerable.getProperty(name));
				}
				return content;
			}
			if (source instanceof RandomValuePropertySource || source instanceof StubPropertySource) {
				return null;
			}
			return UNKNOWN;
		}

		boolean isUnknown() {
			return this.content == UNKNOWN;
		}

	}

}
