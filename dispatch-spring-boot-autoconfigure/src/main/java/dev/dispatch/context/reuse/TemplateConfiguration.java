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
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.aop.scope.ScopedProxyUtils;
import org.springframework.beans.BeanUtils;
import org.springframework.beans.PropertyValue;
import org.springframework.beans.factory.annotation.AnnotatedBeanDefinition;
import org.springframework.beans.factory.annotation.AnnotatedGenericBeanDefinition;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.beans.factory.config.BeanDefinitionHolder;
import org.springframework.beans.factory.config.BeanReference;
import org.springframework.beans.factory.config.ConstructorArgumentValues;
import org.springframework.beans.factory.config.ConstructorArgumentValues.ValueHolder;
import org.springframework.beans.factory.config.TypedStringValue;
import org.springframework.beans.factory.support.AbstractBeanDefinition;
import org.springframework.beans.factory.support.DefaultListableBeanFactory;
import org.springframework.beans.factory.support.GenericBeanDefinition;
import org.springframework.boot.autoconfigure.condition.ConditionEvaluationReport;
import org.springframework.boot.autoconfigure.condition.ConditionEvaluationReport.ConditionAndOutcome;
import org.springframework.boot.autoconfigure.condition.ConditionEvaluationReport.ConditionAndOutcomes;
import org.springframework.boot.context.properties.ConstructorBound;
import org.springframework.boot.context.properties.bind.BindMethod;
import org.springframework.boot.env.RandomValuePropertySource;
import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConfigurationClassPostProcessor;
import org.springframework.context.annotation.ScannedGenericBeanDefinition;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.EnumerablePropertySource;
import org.springframework.core.env.PropertySource;
import org.springframework.core.env.PropertySource.StubPropertySource;
import org.springframework.core.env.SystemEnvironmentPropertySource;
import org.springframework.core.log.LogMessage;
import org.springframework.core.type.MethodMetadata;

/**
 * What processing the configuration classes of the first application of a template
 * produced, and what it read, so that the next applications of the template can reuse it
 * instead of parsing the same classes and evaluating the same conditions again.
 * <p>
 * Processing configuration classes is a function of the bean definitions registered before
 * it, the class path, the parent context, the active profiles and the environment's
 * properties. All applications of a template have the same class path and parent, so an
 * application may reuse the outcome when the rest is the same as it was for the first:
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
 * references to beans, or of a type that cannot copy itself. The applications of a template
 * that has any of them process their own.
 * <p>
 * The outcome keeps nothing of the first application: the bean definitions are copies,
 * the import registry that {@code ImportAware} beans read is a {@link DetachedImportRegistry
 * detached copy}, and the condition evaluation report's conditions are new instances of
 * the same classes, which is all the report shows of them.
 * <p>
 * Conditions that read anything but the bean definitions, the class path, the profiles
 * and the properties (a file, the time) would be evaluated once for every application
 * whose properties match, as Spring's ahead-of-time processing evaluates conditions once
 * at build time: a tenant group whose conditions do, sets
 * {@code reuse-configuration: false}.
 *
 * @author Dispatch contributors
 */
public final class TemplateConfiguration {

	private static final Log logger = LogFactory.getLog(TemplateConfiguration.class);

	private static final String IMPORT_REGISTRY_BEAN_NAME = ConfigurationClassPostProcessor.class.getName()
			+ ".importRegistry";

	private static final String REPORT_BEAN_NAME = "autoConfigurationReport";

	private static final String ATTACHED_PROPERTY_SOURCE_NAME = "configurationProperties";

	private static final String BIND_METHOD_ATTRIBUTE = BindMethod.class.getName();

	private final Before before;

	private final Map<String, Map<String, @Nullable Object>> readProperties;

	private final Set<String> removed;

	private final Map<String, Map<String, @Nullable Object>> attributes;

	private final Map<String, BeanDefinition> added;

	private final Map<String, List<String>> aliases;

	private final @Nullable Object importRegistry;

	private final @Nullable Report report;

	private TemplateConfiguration(Before before, Map<String, Map<String, @Nullable Object>> readProperties,
			Set<String> removed, Map<String, Map<String, @Nullable Object>> attributes,
			Map<String, BeanDefinition> added, Map<String, List<String>> aliases, @Nullable Object importRegistry,
			@Nullable Report report) {
		this.before = before;
		this.readProperties = readProperties;
		this.removed = removed;
		this.attributes = attributes;
		this.added = added;
		this.aliases = aliases;
		this.importRegistry = importRegistry;
		this.report = report;
	}

	/**
	 * Whether an application whose configuration classes are about to be processed may
	 * reuse this outcome.
	 * @param environment the application's environment
	 * @param beanFactory the application's bean factory
	 * @return whether it may
	 */
	boolean appliesTo(ConfigurableEnvironment environment, DefaultListableBeanFactory beanFactory) {
		return this.before.matches(Before.of(environment, beanFactory)) && readPropertiesMatch(environment);
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
			AbstractBeanDefinition copy = copy(definition);
			if (isBoundByConstructor(copy)) {
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
			beanFactory.registerSingleton(IMPORT_REGISTRY_BEAN_NAME, this.importRegistry);
		}
		if (this.report != null) {
			this.report.applyTo(ConditionEvaluationReport.get(beanFactory));
		}
	}

	/**
	 * Whether a bean definition is of {@code @ConfigurationProperties} bound by
	 * constructor, whose instance supplier Boot's registrar makes for the bean factory it
	 * registers the definition in.
	 */
	private static boolean isBoundByConstructor(BeanDefinition definition) {
		return definition.getAttribute(BIND_METHOD_ATTRIBUTE) == BindMethod.VALUE_OBJECT
				&& definition instanceof AbstractBeanDefinition abstractDefinition
				&& abstractDefinition.hasBeanClass();
	}

	/**
	 * Copy a bean definition, keeping the metadata of an annotated one, which Spring's own
	 * copy of a generic definition drops.
	 */
	private static AbstractBeanDefinition copy(BeanDefinition definition) {
		if (definition instanceof AnnotatedBeanDefinition annotated
				&& definition instanceof GenericBeanDefinition generic) {
			MethodMetadata factoryMethod = annotated.getFactoryMethodMetadata();
			AnnotatedGenericBeanDefinition copy = (factoryMethod != null)
					? new AnnotatedGenericBeanDefinition(annotated.getMetadata(), factoryMethod)
					: new AnnotatedGenericBeanDefinition(annotated.getMetadata());
			copy.overrideFrom(generic);
			return copy;
		}
		return ((AbstractBeanDefinition) definition).cloneBeanDefinition();
	}

	/**
	 * Start recording the processing of an application's configuration classes.
	 * @param environment the application's environment
	 * @param beanFactory the application's bean factory
	 * @return the recording
	 */
	static Recording record(ConfigurableEnvironment environment, DefaultListableBeanFactory beanFactory) {
		return new Recording(environment, beanFactory);
	}

	/**
	 * A recording of the processing of an application's configuration classes.
	 */
	static final class Recording {

		private final ConfigurableEnvironment environment;

		private final DefaultListableBeanFactory beanFactory;

		private final Before before;

		private final Map<String, BeanDefinition> definitionsBefore = new LinkedHashMap<>();

		private final Set<String> singletonsBefore;

		private final List<RecordingPropertySource> recordingSources = new ArrayList<>();

		private Recording(ConfigurableEnvironment environment, DefaultListableBeanFactory beanFactory) {
			this.environment = environment;
			this.beanFactory = beanFactory;
			this.before = Before.of(environment, beanFactory);
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
		 * @return what the processing produced, or {@code null} if other applications
		 * cannot reuse it
		 */
		@Nullable TemplateConfiguration finish() {
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
				logger.debug(LogMessage.format("Processing the configuration classes of %s cannot be reused",
						this.beanFactory), ex);
				return null;
			}
		}

		private @Nullable TemplateConfiguration outcome(Map<String, Map<String, @Nullable Object>> reads) {
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
					attributes.put(name, attributesOf(definition));
				}
				else {
					AbstractBeanDefinition copy = TemplateConfiguration.copy(definition);
					// A scanned component's definition is copied as an annotated one
					if (copy.getClass() != definition.getClass()
							&& !(definition instanceof ScannedGenericBeanDefinition)) {
						logger.debug(LogMessage.format(
								"Processing the configuration classes of %s cannot be reused: the bean definition '%s' cannot be copied",
								this.beanFactory, name));
						return null;
					}
					if (isBoundByConstructor(copy)) {
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
			Object importRegistry = this.beanFactory.getSingleton(IMPORT_REGISTRY_BEAN_NAME);
			if (importRegistry != null) {
				importRegistry = DetachedImportRegistry.copy(importRegistry, classNames);
				if (importRegistry == null) {
					logger.debug(LogMessage.format(
							"Processing the configuration classes of %s cannot be reused: its import registry cannot be copied",
							this.beanFactory));
					return null;
				}
			}
			return new TemplateConfiguration(this.before, reads, removed, attributes, added, aliases, importRegistry,
					Report.of(this.beanFactory));
		}

		private @Nullable String notReusableReason() {
			for (Source source : this.before.sources) {
				if (source.isUnknown()) {
					return "what the property source '" + source.name() + "' holds cannot be compared";
				}
			}
			if (!this.before.sources.equals(Before.sourcesOf(this.environment))) {
				return "its property sources changed";
			}
			for (String name : this.beanFactory.getSingletonNames()) {
				if (!this.singletonsBefore.contains(name) && !name.equals(IMPORT_REGISTRY_BEAN_NAME)
						&& !name.equals(REPORT_BEAN_NAME)) {
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
						&& !isBoundByConstructor(definition)) {
					return "the bean definition '" + name + "' has an instance supplier";
				}
				if (previous == null && !holdsOnlyValues(definition)) {
					return "the bean definition '" + name + "' holds objects of the application";
				}
				if (previous != null && this.beanFactory.getAliases(name).length > 0) {
					return "the bean definition '" + name + "' has aliases";
				}
				if (previous != null && !attributesAreValues(definition)) {
					return "the bean definition '" + name + "' has attributes that hold objects of the application";
				}
			}
			return null;
		}

		/**
		 * Whether a bean definition's arguments, properties and attributes are values that
		 * applications can share: strings, numbers, classes, references to beans by name,
		 * inner bean definitions and collections of those. Any other object may belong to
		 * the application that processed the definition, such as its environment.
		 */
		private static boolean holdsOnlyValues(BeanDefinition definition) {
			for (PropertyValue property : definition.getPropertyValues().getPropertyValues()) {
				if (!isValue(property.getValue())) {
					return false;
				}
			}
			ConstructorArgumentValues arguments = definition.getConstructorArgumentValues();
			for (ValueHolder argument : arguments.getIndexedArgumentValues().values()) {
				if (!isValue(argument.getValue())) {
					return false;
				}
			}
			for (ValueHolder argument : arguments.getGenericArgumentValues()) {
				if (!isValue(argument.getValue())) {
					return false;
				}
			}
			return attributesAreValues(definition);
		}

		private static boolean attributesAreValues(BeanDefinition definition) {
			for (String name : definition.attributeNames()) {
				if (!isValue(definition.getAttribute(name))) {
					return false;
				}
			}
			return true;
		}

		private static boolean isValue(@Nullable Object value) {
			if (value == null || value instanceof CharSequence || value instanceof Number || value instanceof Boolean
					|| value instanceof Character || value instanceof Enum || value instanceof Class
					|| value instanceof BeanReference || value instanceof TypedStringValue) {
				return true;
			}
			if (value instanceof BeanDefinitionHolder holder) {
				return holdsOnlyValues(holder.getBeanDefinition());
			}
			if (value instanceof BeanDefinition inner) {
				return holdsOnlyValues(inner);
			}
			if (value instanceof Collection<?> collection) {
				return collection.stream().allMatch(Recording::isValue);
			}
			if (value instanceof Map<?, ?> map) {
				return map.keySet().stream().allMatch(Recording::isValue)
						&& map.values().stream().allMatch(Recording::isValue);
			}
			if (value instanceof Object[] array) {
				return Arrays.stream(array).allMatch(Recording::isValue);
			}
			return false;
		}

		private static Map<String, @Nullable Object> attributesOf(BeanDefinition definition) {
			Map<String, @Nullable Object> attributes = new LinkedHashMap<>();
			for (String name : definition.attributeNames()) {
				attributes.put(name, definition.getAttribute(name));
			}
			return attributes;
		}

	}

	/**
	 * What the processing of configuration classes starts from.
	 */
	private record Before(List<String> names, List<@Nullable String> classes, @Nullable Object parent,
			boolean overriding, List<String> activeProfiles, List<String> defaultProfiles, List<Source> sources) {

		static Before of(ConfigurableEnvironment environment, DefaultListableBeanFactory beanFactory) {
			String[] names = beanFactory.getBeanDefinitionNames();
			List<@Nullable String> classes = new ArrayList<>(names.length);
			for (String name : names) {
				classes.add(beanFactory.getBeanDefinition(name).getBeanClassName());
			}
			return new Before(List.of(names), classes, beanFactory.getParentBeanFactory(),
					beanFactory.isAllowBeanDefinitionOverriding(), List.of(environment.getActiveProfiles()),
					List.of(environment.getDefaultProfiles()), sourcesOf(environment));
		}

		static List<Source> sourcesOf(ConfigurableEnvironment environment) {
			List<Source> sources = new ArrayList<>();
			for (PropertySource<?> source : environment.getPropertySources()) {
				if (!source.getName().equals(ATTACHED_PROPERTY_SOURCE_NAME)) {
					sources.add(Source.of(source));
				}
			}
			return sources;
		}

		boolean matches(Before other) {
			return this.names.equals(other.names) && this.classes.equals(other.classes) && this.parent == other.parent
					&& this.overriding == other.overriding && this.activeProfiles.equals(other.activeProfiles)
					&& this.defaultProfiles.equals(other.defaultProfiles) && this.sources.equals(other.sources);
		}

	}

	/**
	 * A property source, as far as processing configuration classes can tell: its name, its
	 * type and, unless it is one whose content is fixed, its content. Of an application's
	 * own properties only the names count, and the values that were read. The content of a
	 * source that cannot list its properties is unknown, and processing with one in the
	 * environment is not reused.
	 */
	private record Source(String name, Class<?> type, @Nullable Object content) {

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

	/**
	 * The conditions that processing evaluated, for the report of an application that
	 * reuses it.
	 */
	private record Report(List<String> unconditionalClasses, List<String> exclusions,
			Map<String, List<ConditionAndOutcome>> outcomes) {

		static @Nullable Report of(DefaultListableBeanFactory beanFactory) {
			ConditionEvaluationReport report = (beanFactory.containsSingleton(REPORT_BEAN_NAME))
					? ConditionEvaluationReport.find(beanFactory) : null;
			if (report == null) {
				return null;
			}
			Map<String, List<ConditionAndOutcome>> outcomes = new LinkedHashMap<>();
			Map<Class<?>, Condition> conditions = new HashMap<>();
			for (Map.Entry<String, ConditionAndOutcomes> entry : report.getConditionAndOutcomesBySource().entrySet()) {
				List<ConditionAndOutcome> list = new ArrayList<>();
				for (ConditionAndOutcome outcome : entry.getValue()) {
					// The report shows a condition by its class; the instance that was
					// evaluated may hold the first application's bean factory
					Condition condition = conditions.computeIfAbsent(outcome.getCondition().getClass(),
							(type) -> (Condition) BeanUtils.instantiateClass(type));
					list.add(new ConditionAndOutcome(condition, outcome.getOutcome()));
				}
				outcomes.put(entry.getKey(), list);
			}
			return new Report(List.copyOf(report.getUnconditionalClasses()), List.copyOf(report.getExclusions()),
					outcomes);
		}

		void applyTo(ConditionEvaluationReport report) {
			report.recordEvaluationCandidates(this.unconditionalClasses);
			report.recordExclusions(this.exclusions);
			this.outcomes.forEach((source, outcomes) -> outcomes
				.forEach((outcome) -> report.recordConditionEvaluation(source, outcome.getCondition(),
						outcome.getOutcome())));
		}

	}

	/**
	 * The applications of a template: the tenants of one group with the same sources and
	 * parent. Holds what processing their configuration classes produced once the first
	 * has recorded it, or that it cannot be reused.
	 */
	public static final class Template {

		private static final Object NOT_REUSABLE = new Object();

		private final AtomicReference<@Nullable Object> configuration = new AtomicReference<>();

		/**
		 * Return a template whose applications process their configuration classes
		 * without recording them: a mount, which is one of a kind, or a tenant of a group
		 * that does not reuse configuration processing.
		 * @return the template
		 */
		public static Template unique() {
			Template template = new Template();
			template.configuration.set(NOT_REUSABLE);
			return template;
		}

		@Nullable TemplateConfiguration get() {
			return (this.configuration.get() instanceof TemplateConfiguration configuration) ? configuration : null;
		}

		boolean isRecorded() {
			return this.configuration.get() != null;
		}

		void recorded(@Nullable TemplateConfiguration configuration) {
			this.configuration.compareAndSet(null, (configuration != null) ? configuration : NOT_REUSABLE);
		}

	}

}
