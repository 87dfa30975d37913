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
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.beans.factory.support.AbstractBeanDefinition;
import org.springframework.beans.factory.support.DefaultListableBeanFactory;
import org.springframework.context.annotation.ScannedGenericBeanDefinition;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.PropertySource;
import org.springframework.core.log.LogMessage;

/**
 * Records what processing the configuration classes of a template's first application
 * produces and what it reads, and whether the template's next applications can reuse it
 * (see {@link RecordedConfiguration} for when they can).
 *
 * @author Dispatch contributors
 */
final class ConfigurationRecorder {

	private static final Log logger = LogFactory.getLog(ConfigurationRecorder.class);

	private final ConfigurableEnvironment environment;

	private final DefaultListableBeanFactory beanFactory;

	private final ProcessingInputs inputs;

	private final Map<String, BeanDefinition> definitionsBefore = new LinkedHashMap<>();

	private final Set<String> singletonsBefore;

	private final List<RecordingPropertySource> recordingSources = new ArrayList<>();

	ConfigurationRecorder(ConfigurableEnvironment environment, DefaultListableBeanFactory beanFactory) {
		this.environment = environment;
		this.beanFactory = beanFactory;
		this.inputs = ProcessingInputs.of(environment, beanFactory);
		for (String name : beanFactory.getBeanDefinitionNames()) {
			this.definitionsBefore.put(name, beanFactory.getBeanDefinition(name));
		}
		this.singletonsBefore = Set.of(beanFactory.getSingletonNames());
		for (PropertySource<?> source : environment.getPropertySources()) {
			if (source instanceof RecordingPropertySource recording) {
				recording.startRecording();
				this.recordingSources.add(recording);
			}
		}
	}

	/**
	 * Stop recording, without a result: processing failed.
	 */
	void cancel() {
		this.recordingSources.forEach(RecordingPropertySource::stopRecording);
	}

	/**
	 * Finish recording, once the configuration classes have been processed.
	 * @return what the processing produced, or {@code null} if other applications cannot
	 * reuse it
	 */
	@Nullable RecordedConfiguration finish() {
		Map<String, Map<String, @Nullable Object>> reads = new LinkedHashMap<>();
		for (RecordingPropertySource source : this.recordingSources) {
			reads.put(source.getName(), source.stopRecording());
		}
		String reason = notReusableReason();
		if (reason != null) {
			logger.debug(LogMessage.format("Processing the configuration classes of %s cannot be reused: %s",
					this.beanFactory, reason));
			return null;
		}
		try {
			return outcome(reads);
		}
		catch (RuntimeException ex) {
			// Recording must not fail the application that records
			logger.debug(
					LogMessage.format("Processing the configuration classes of %s cannot be reused", this.beanFactory),
					ex);
			return null;
		}
	}

	private @Nullable RecordedConfiguration outcome(Map<String, Map<String, @Nullable Object>> reads) {
		Set<String> removed = new HashSet<>(this.definitionsBefore.keySet());
		Map<String, Map<String, @Nullable Object>> attributes = new LinkedHashMap<>();
		Map<String, BeanDefinition> added = new LinkedHashMap<>();
		Map<String, List<String>> aliases = new LinkedHashMap<>();
		Set<String> classNames = new HashSet<>();
		for (String name : this.beanFactory.getBeanDefinitionNames()) {
			BeanDefinition definition = this.beanFactory.getBeanDefinition(name);
			String className = definition.getBeanClassName();
			if (className != null) {
				classNames.add(className);
			}
			if (removed.remove(name)) {
				attributes.put(name, BeanDefinitionCopies.attributesOf(definition));
			}
			else {
				AbstractBeanDefinition copy = BeanDefinitionCopies.copy(definition);
				// A scanned component's definition is copied as an annotated one
				if (copy.getClass() != definition.getClass() && !(definition instanceof ScannedGenericBeanDefinition)) {
					logger.debug(LogMessage.format(
							"Processing the configuration classes of %s cannot be reused: the bean definition '%s' cannot be copied",
							this.beanFactory, name));
					return null;
				}
				if (BeanDefinitionCopies.isBoundByConstructor(copy)) {
					// Holds the first application's bean factory
					copy.setInstanceSupplier(null);
				}
				added.put(name, copy);
				String[] names = this.beanFactory.getAliases(name);
				if (names.length > 0) {
					aliases.put(name, List.of(names));
				}
			}
		}
		Object importRegistry = this.beanFactory.getSingleton(ReuseInternals.IMPORT_REGISTRY_BEAN_NAME);
		if (importRegistry != null) {
			importRegistry = DetachedImportRegistry.copy(importRegistry, classNames);
			if (importRegistry == null) {
				logger.debug(LogMessage.format(
						"Processing the configuration classes of %s cannot be reused: its import registry cannot be copied",
						this.beanFactory));
				return null;
			}
		}
		return new RecordedConfiguration(this.inputs, reads, removed, attributes, added, aliases, importRegistry,
				RecordedConditions.of(this.beanFactory));
	}

	private @Nullable String notReusableReason() {
		for (ProcessingInputs.Source source : this.inputs.sources()) {
			if (source.isUnknown()) {
				return "what the property source '" + source.name() + "' holds cannot be compared";
			}
		}
		if (!this.inputs.sources().equals(ProcessingInputs.sourcesOf(this.environment))) {
			return "its property sources changed";
		}
		for (String name : this.beanFactory.getSingletonNames()) {
			if (!this.singletonsBefore.contains(name) && !name.equals(ReuseInternals.IMPORT_REGISTRY_BEAN_NAME)
					&& !name.equals(ReuseInternals.REPORT_BEAN_NAME)) {
				return "it registered the singleton '" + name + "'";
			}
		}
		for (String name : this.beanFactory.getBeanDefinitionNames()) {
			BeanDefinition definition = this.beanFactory.getBeanDefinition(name);
			BeanDefinition previous = this.definitionsBefore.get(name);
			if (previous != null && previous != definition) {
				return "it replaced the bean definition '" + name + "'";
			}
			if (previous == null && !(definition instanceof AbstractBeanDefinition)) {
				return "the bean definition '" + name + "' cannot be copied";
			}
			if (previous == null && ((AbstractBeanDefinition) definition).getInstanceSupplier() != null
					&& !BeanDefinitionCopies.isBoundByConstructor(definition)) {
				return "the bean definition '" + name + "' has an instance supplier";
			}
			if (previous == null && !BeanDefinitionCopies.holdsOnlyValues(definition)) {
				return "the bean definition '" + name + "' holds objects of the application";
			}
			if (previous != null && this.beanFactory.getAliases(name).length > 0) {
				return "the bean definition '" + name + "' has aliases";
			}
			if (previous != null && !BeanDefinitionCopies.attributesAreValues(definition)) {
				return "the bean definition '" + name + "' has attributes that hold objects of the application";
			}
		}
		return null;
	}

}
