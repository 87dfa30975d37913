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

package dev.dispatch.context;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.dispatch.application.ApplicationDefinition;
import dev.dispatch.context.reuse.RecordingPropertySource;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.beans.factory.support.BeanDefinitionRegistryPostProcessor;
import org.springframework.beans.factory.support.RootBeanDefinition;
import org.springframework.boot.Banner;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.condition.ConditionEvaluationReport;
import org.springframework.boot.autoconfigure.logging.ConditionEvaluationReportLoggingListener;
import org.springframework.boot.autoconfigure.logging.ConditionEvaluationReportMessage;
import org.springframework.boot.context.logging.LoggingApplicationListener;
import org.springframework.boot.support.AnsiOutputApplicationListener;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.event.ContextRefreshedEvent;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.io.ResourceLoader;
import org.springframework.core.type.classreading.MetadataReaderFactory;
import org.springframework.util.Assert;
import org.springframework.util.ClassUtils;

/**
 * A {@link SpringApplication} for a dispatched application: it loads the application's
 * own config files and runs Boot's auto-configuration, but without the process-wide side
 * effects of a second application: no web server, no JVM shutdown hook, no banner, and
 * none of the listeners that reconfigure logging, ANSI output or JVM-wide caches. A
 * failure is not logged by {@code SpringApplication}: the caller logs it once, with the
 * application's name.
 *
 * @author Dispatch contributors
 */
final class DispatchedSpringApplication extends SpringApplication {

	private static final Set<String> PROCESS_WIDE_LISTENERS = Set.of(LoggingApplicationListener.class.getName(),
			AnsiOutputApplicationListener.class.getName());

	private static final String ADD_CONVERSION_SERVICE_PROPERTY = "spring.main.add-conversion-service";

	private final ApplicationDefinition definition;

	private final StartupOptimizations optimizations;

	private final EnvironmentCheck environmentCheck;

	private @Nullable RuntimeException failure;

	DispatchedSpringApplication(ApplicationDefinition definition, ResourceLoader resourceLoader,
			StartupOptimizations optimizations, EnvironmentCheck environmentCheck) {
		super(resourceLoader, definition.sources().toArray(new Class<?>[0]));
		this.definition = definition;
		this.optimizations = optimizations;
		this.environmentCheck = environmentCheck;
		setMainApplicationClass(definition.sources().get(0));
		setWebApplicationType(WebApplicationType.SERVLET);
		setAdditionalProfiles(definition.profiles().toArray(new String[0]));
		setListeners(getListeners().stream().filter((listener) -> {
			String name = listener.getClass().getName();
			return !PROCESS_WIDE_LISTENERS.contains(name)
					&& !(optimizations.keepCommonCaches() && name.equals(StartInternals.CLEAR_CACHES_LISTENER));
		}).toList());
		setInitializers(withConditionEvaluationReportLogging(getInitializers()));
		// Process-wide registries keep what is added to them: a closed application's
		// meter registry in Micrometer's global registry would keep its whole context
		setDefaultProperties(Map.of(StartInternals.USE_GLOBAL_REGISTRY_PROPERTY, "false"));
		setBannerMode(Banner.Mode.OFF);
		setLogStartupInfo(false);
		setRegisterShutdownHook(false);
		// A CopyOnWriteConversionService instead of a new ApplicationConversionService:
		// the same converters, without each tenant keeping its own copy of them
		setAddConversionService(!optimizations.sharedConversionService());
		if (definition.guardedByDefaultApplication()) {
			addInitializers((context) -> context.addBeanFactoryPostProcessor(new NoSecurityOfItsOwn(definition)));
		}
	}

	/**
	 * Share the process's class metadata with the application.
	 * @param metadataReaderFactory the class metadata that every application reads
	 */
	void shareClassMetadata(MetadataReaderFactory metadataReaderFactory) {
		addInitializers(new SharedMetadataReaderFactoryInitializer(metadataReaderFactory));
	}

	/**
	 * Return why the last run failed, if it did.
	 * @return the failure, or {@code null}
	 */
	@Nullable RuntimeException getFailure() {
		return this.failure;
	}

	private List<ApplicationContextInitializer<?>> withConditionEvaluationReportLogging(
			Set<ApplicationContextInitializer<?>> initializers) {
		if (!this.optimizations.releaseStartupState()) {
			return new ArrayList<>(initializers);
		}
		List<ApplicationContextInitializer<?>> result = new ArrayList<>();
		for (ApplicationContextInitializer<?> initializer : initializers) {
			result.add((initializer instanceof ConditionEvaluationReportLoggingListener)
					? new ConditionEvaluationReportLogging() : initializer);
		}
		return result;
	}

	@Override
	protected void configureEnvironment(ConfigurableEnvironment environment, String[] args) {
		super.configureEnvironment(environment, args);
		if (this.optimizations.sharedConversionService()) {
			environment.setConversionService(new CopyOnWriteConversionService());
		}
	}

	@Override
	protected void postProcessApplicationContext(ConfigurableApplicationContext context) {
		super.postProcessApplicationContext(context);
		// As Boot does for the bean factory, which the application may turn off
		ConfigurableEnvironment environment = context.getEnvironment();
		if (this.optimizations.sharedConversionService()
				&& environment.getProperty(ADD_CONVERSION_SERVICE_PROPERTY, Boolean.class, true)) {
			context.getBeanFactory().setConversionService(environment.getConversionService());
		}
	}

	@Override
	protected void configurePropertySources(ConfigurableEnvironment environment, String[] args) {
		super.configurePropertySources(environment, args);
		Map<String, Object> properties = new LinkedHashMap<>();
		properties.put("spring.config.name", this.definition.name());
		properties.putAll(this.definition.properties());
		// Dispatching does not nest: the starter is on the application's class path too
		properties.put("dispatch.enabled", "false");
		properties.put(StartInternals.SECURITY_PROPERTY,
				this.definition.guardedByDefaultApplication() ? "default-application" : "own");
		environment.getPropertySources()
			.addFirst(new RecordingPropertySource(StartInternals.PROPERTY_SOURCE_NAME, properties));
	}

	@Override
	protected void bindToSpringApplication(ConfigurableEnvironment environment) {
		// The environment is prepared, the application's config files loaded
		try {
			this.environmentCheck.check(environment, this.definition);
		}
		catch (RuntimeException ex) {
			this.failure = ex;
			throw new AbandonedRunException();
		}
		super.bindToSpringApplication(environment);
		// spring.main.* in the application's own config must not bring these back
		setBannerMode(Banner.Mode.OFF);
		setRegisterShutdownHook(false);
	}

	@Override
	protected void refresh(ConfigurableApplicationContext applicationContext) {
		try {
			super.refresh(applicationContext);
		}
		catch (RuntimeException ex) {
			// Abandon the run so that SpringApplication does not log the failure too: the
			// caller logs it once. SpringApplication.handleRunFailure returns an
			// AbandonedRunException as it is (Boot 4.1); were it to report it, the
			// failure would be logged twice, nothing else
			this.failure = ex;
			throw new AbandonedRunException(applicationContext);
		}
	}

	/**
	 * Gives a dispatched application the shared metadata reader factory, under the name
	 * of the one that Boot's {@code SharedMetadataReaderFactoryContextInitializer} would
	 * register: Boot registers its own only when the name is free, and its configuration
	 * class and auto-configuration processing use the one of that name.
	 */
	private static final class SharedMetadataReaderFactoryInitializer
			implements ApplicationContextInitializer<ConfigurableApplicationContext>, Ordered {

		private final MetadataReaderFactory metadataReaderFactory;

		SharedMetadataReaderFactoryInitializer(MetadataReaderFactory metadataReaderFactory) {
			this.metadataReaderFactory = metadataReaderFactory;
		}

		@Override
		public void initialize(ConfigurableApplicationContext context) {
			MetadataReaderFactory factory = this.metadataReaderFactory;
			BeanDefinitionRegistryPostProcessor registrar = (registry) -> registry.registerBeanDefinition(
					StartInternals.SHARED_METADATA_READER_FACTORY_BEAN,
					new RootBeanDefinition(MetadataReaderFactory.class, () -> factory));
			context.addBeanFactoryPostProcessor(registrar);
		}

		@Override
		public int getOrder() {
			// Before Boot's initializer, whose post-processor must find the name taken
			return Ordered.HIGHEST_PRECEDENCE;
		}

	}

	/**
	 * Logs a dispatched application's condition evaluation report when its context has
	 * refreshed, as Boot's {@link ConditionEvaluationReportLoggingListener} does, at
	 * debug and under the same logger. Boot's listener keeps the report as long as the
	 * context keeps the listener, which is for the life of the application; this one
	 * looks the report up when it logs, so that the report can be let go once the
	 * application has started.
	 */
	private static final class ConditionEvaluationReportLogging
			implements ApplicationContextInitializer<ConfigurableApplicationContext> {

		@Override
		public void initialize(ConfigurableApplicationContext context) {
			context.addApplicationListener(new Listener(context));
		}

		private static final class Listener implements ApplicationListener<ContextRefreshedEvent> {

			private static final Log logger = LogFactory.getLog(StartInternals.CONDITION_EVALUATION_REPORT_LOGGER);

			private final ConfigurableApplicationContext context;

			Listener(ConfigurableApplicationContext context) {
				this.context = context;
			}

			@Override
			public void onApplicationEvent(ContextRefreshedEvent event) {
				if (event.getApplicationContext() == this.context && logger.isDebugEnabled()) {
					ConditionEvaluationReport report = ConditionEvaluationReport.get(this.context.getBeanFactory());
					if (!report.getConditionAndOutcomesBySource().isEmpty()) {
						logger.debug(new ConditionEvaluationReportMessage(report));
					}
				}
			}

		}

	}

	/**
	 * Fails the start of an application that the default application's security guards
	 * but that declares security of its own, before anything of it is created: two
	 * securities would each decide part of who the user is.
	 */
	private static final class NoSecurityOfItsOwn implements BeanFactoryPostProcessor {

		private final ApplicationDefinition definition;

		NoSecurityOfItsOwn(ApplicationDefinition definition) {
			this.definition = definition;
		}

		@Override
		public void postProcessBeanFactory(ConfigurableListableBeanFactory beanFactory) {
			List<String> names = new ArrayList<>();
			if (beanFactory.containsBeanDefinition(StartInternals.SPRING_SECURITY_FILTER_CHAIN)) {
				names.add(StartInternals.SPRING_SECURITY_FILTER_CHAIN);
			}
			ClassLoader classLoader = beanFactory.getBeanClassLoader();
			if (ClassUtils.isPresent(StartInternals.SECURITY_FILTER_CHAIN_CLASS, classLoader)) {
				Class<?> type = ClassUtils.resolveClassName(StartInternals.SECURITY_FILTER_CHAIN_CLASS, classLoader);
				names.addAll(Arrays.asList(beanFactory.getBeanNamesForType(type, true, false)));
			}
			String prefix = this.definition.configurationPrefix();
			Assert.state(names.isEmpty(), () -> "The " + this.definition.description()
					+ " declares Spring Security filters of its own " + names + " while '" + prefix
					+ ".security' is 'default-application': remove its security configuration "
					+ "(@EnableWebSecurity, SecurityFilterChain beans) so that the default application's security "
					+ "guards it, or set '" + prefix + ".security' to 'own'");
		}

	}

}
