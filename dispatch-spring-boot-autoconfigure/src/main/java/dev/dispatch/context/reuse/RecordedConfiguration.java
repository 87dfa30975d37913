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

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import org.jspecify.annotations.Nullable;

import org.springframework.aop.scope.ScopedProxyUtils;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.beans.factory.support.AbstractBeanDefinition;
import org.springframework.beans.factory.support.DefaultListableBeanFactory;
import org.springframework.boot.autoconfigure.condition.ConditionEvaluationReport;
import org.springframework.boot.context.properties.ConstructorBound;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.PropertySource;

/**
 * What processing the configuration classes of the first application of a template
 * produced, and what it read, so that the next applications of the template can reuse it
 * instead of parsing the same classes and evaluating the same conditions again.
 * <p>
 * Processing configuration classes is a function of the bean definitions registered
 * before it, the class path, the parent context, the active profiles and the
 * environment's properties. All applications of a template have the same class path and
 * parent, so an application may reuse the outcome when the rest is the same as it was for
 * the first:
 * <ul>
 * <li>the same bean definitions, of the same classes, are registered before it, and
 * overriding bean definitions is allowed or not alike;</li>
 * <li>the same profiles are active and default;</li>
 * <li>the environment has the same property sources, by name and type, in the same
 * order;</li>
 * <li>each of those sources has the same properties with the same values, except the
 * application's own properties: those must have the same names, and the same values only
 * where processing the first application read them.</li>
 * </ul>
 * Processing must not have had effects that the outcome does not hold: no property
 * sources added ({@code @PropertySource}), no singletons registered but the import
 * registry and the condition evaluation report, no property source that cannot list its
 * properties, and no bean definition with an instance supplier, which may hold the first
 * application's objects (but for the one that Boot makes for
 * {@code @ConfigurationProperties} bound by constructor, which is made again for each
 * application), with arguments, properties or attributes other than plain values and
 * references to beans, or of a type that cannot copy itself. The applications of a
 * template that has any of them process their own.
 * <p>
 * The outcome keeps nothing of the first application: the bean definitions are copies,
 * the import registry that {@code ImportAware} beans read is a
 * {@link DetachedImportRegistry detached copy}, and the condition evaluation report's
 * conditions are new instances of the same classes, which is all the report shows of
 * them.
 * <p>
 * Conditions that read anything but the bean definitions, the class path, the profiles
 * and the properties (a file, the time) would be evaluated once for every application
 * whose properties match, as Spring's ahead-of-time processing evaluates conditions once
 * at build time: a tenant group whose conditions do, sets
 * {@code reuse-configuration: false}.
 *
 * @author Dispatch contributors
 */
final class RecordedConfiguration {

	private final ProcessingInputs inputs;

	private final Map<String, Map<String, @Nullable Object>> readProperties;

	private final Set<String> removed;

	private final Map<String, Map<String, @Nullable Object>> attributes;

	private final Map<String, BeanDefinition> added;

	private final Map<String, List<String>> aliases;

	private final @Nullable Object importRegistry;

	private final @Nullable RecordedConditions conditions;

	RecordedConfiguration(ProcessingInputs inputs, Map<String, Map<String, @Nullable Object>> readProperties,
			Set<String> removed, Map<String, Map<String, @Nullable Object>> attributes,
			Map<String, BeanDefinition> added, Map<String, List<String>> aliases, @Nullable Object importRegistry,
			@Nullable RecordedConditions conditions) {
		this.inputs = inputs;
		this.readProperties = readProperties;
		this.removed = removed;
		this.attributes = attributes;
		this.added = added;
		this.aliases = aliases;
		this.importRegistry = importRegistry;
		this.conditions = conditions;
	}

	/**
	 * Whether an application whose configuration classes are about to be processed may
	 * reuse this outcome.
	 * @param environment the application's environment
	 * @param beanFactory the application's bean factory
	 * @return whether it may
	 */
	boolean appliesTo(ConfigurableEnvironment environment, DefaultListableBeanFactory beanFactory) {
		return this.inputs.matches(ProcessingInputs.of(environment, beanFactory)) && readPropertiesMatch(environment);
	}

	private boolean readPropertiesMatch(ConfigurableEnvironment environment) {
		for (Map.Entry<String, Map<String, @Nullable Object>> read : this.readProperties.entrySet()) {
			PropertySource<?> source = environment.getPropertySources().get(read.getKey());
			if (!(source instanceof RecordingPropertySource recording)) {
				return false;
			}
			for (Map.Entry<String, @Nullable Object> property : read.getValue().entrySet()) {
				if (!Objects.equals(recording.getSource().get(property.getKey()), property.getValue())) {
					return false;
				}
			}
		}
		return true;
	}

	/**
	 * Register in a bean factory what processing the configuration classes registered, as
	 * it did for the first application.
	 * @param beanFactory the application's bean factory
	 */
	void applyTo(DefaultListableBeanFactory beanFactory) {
		this.removed.forEach(beanFactory::removeBeanDefinition);
		this.attributes.forEach((name, attributes) -> {
			BeanDefinition definition = beanFactory.getBeanDefinition(name);
			attributes.forEach(definition::setAttribute);
		});
		this.added.forEach((name, definition) -> {
			AbstractBeanDefinition copy = BeanDefinitionCopies.copy(definition);
			if (BeanDefinitionCopies.isBoundByConstructor(copy)) {
				// As Boot's registrar does, for this application's bean factory
				String beanName = ScopedProxyUtils.isScopedTarget(name) ? ScopedProxyUtils.getOriginalBeanName(name)
						: name;
				Class<?> type = copy.getBeanClass();
				copy.setInstanceSupplier(() -> ConstructorBound.from(beanFactory, beanName, type));
			}
			beanFactory.registerBeanDefinition(name, copy);
		});
		this.aliases.forEach((name, aliases) -> aliases.forEach((alias) -> beanFactory.registerAlias(name, alias)));
		if (this.importRegistry != null) {
			beanFactory.registerSingleton(ReuseInternals.IMPORT_REGISTRY_BEAN_NAME, this.importRegistry);
		}
		if (this.conditions != null) {
			this.conditions.applyTo(ConditionEvaluationReport.get(beanFactory));
		}
	}

}
