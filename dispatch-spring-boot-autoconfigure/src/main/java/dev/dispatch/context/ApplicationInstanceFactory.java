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
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.servlet.Filter;
import jakarta.servlet.Servlet;
import jakarta.servlet.ServletContext;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import dev.dispatch.autoconfigure.DispatchProperties.Security;

import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.beans.factory.support.BeanDefinitionRegistryPostProcessor;
import org.springframework.beans.factory.support.DefaultListableBeanFactory;
import org.springframework.beans.factory.support.RootBeanDefinition;
import org.springframework.boot.Banner;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.condition.ConditionEvaluationReport;
import org.springframework.boot.autoconfigure.logging.ConditionEvaluationReportLoggingListener;
import org.springframework.boot.autoconfigure.logging.ConditionEvaluationReportMessage;
import org.springframework.boot.context.logging.LoggingApplicationListener;
import org.springframework.boot.support.AnsiOutputApplicationListener;
import org.springframework.boot.web.servlet.AbstractFilterRegistrationBean;
import org.springframework.boot.web.servlet.RegistrationBean;
import org.springframework.boot.web.servlet.ServletContextInitializer;
import org.springframework.boot.web.servlet.ServletContextInitializerBeans;
import org.springframework.boot.web.servlet.ServletListenerRegistrationBean;
import org.springframework.boot.web.servlet.ServletRegistrationBean;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.event.ContextRefreshedEvent;
import org.springframework.context.support.GenericApplicationContext;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.io.DefaultResourceLoader;
import org.springframework.core.type.classreading.MetadataReaderFactory;
import org.springframework.util.Assert;
import org.springframework.util.ClassUtils;
import org.springframework.web.context.ConfigurableWebApplicationContext;
import org.springframework.web.context.WebApplicationContext;
import org.springframework.web.servlet.DispatcherServlet;
import dev.dispatch.application.ApplicationDefinition;
import dev.dispatch.application.ApplicationInstance;
import dev.dispatch.application.DispatchedApplicationStartupException;
import dev.dispatch.autoconfigure.InvalidDispatchConfigurationException;
import dev.dispatch.context.reuse.RecordingPropertySource;
import dev.dispatch.context.reuse.TemplateConfiguration;
import dev.dispatch.web.ApplicationConfig;
import dev.dispatch.web.ApplicationFilter;
import dev.dispatch.web.DispatchedServletContext;
import dev.dispatch.web.ErrorPages;

/**
 * Starts dispatched applications. Each is a {@link SpringApplication} of its own, so that
 * it loads its own config files and runs Boot's auto-configuration, but one without the
 * process-wide side effects of a second application: no web server, no JVM shutdown hook,
 * no banner, and none of the listeners that reconfigure logging, ANSI output or JVM-wide
 * caches.
 * <p>
 * Like the Actuator's management child context, each application reuses the default
 * application's class loader and gets the id {@code <parent id>:<name>}.
 *
 * @author Dispatch contributors
 */
public final class ApplicationInstanceFactory {

	/**
	 * The name of the property source of a dispatched application's own properties, the
	 * first of its environment.
	 */
	public static final String PROPERTY_SOURCE_NAME = "dispatchedApplication";

	/**
	 * The property that tells a dispatched application who decides who its users are.
	 */
	public static final String SECURITY_PROPERTY = "dispatch.application.security";

	private static final String DISPATCHER_SERVLET_NAME = "dispatcherServlet";

	// Spring Security's BeanIds.SPRING_SECURITY_FILTER_CHAIN: the FilterChainProxy that
	// @EnableWebSecurity registers
	public static final String SPRING_SECURITY_FILTER_CHAIN = "springSecurityFilterChain";

	private static final Set<String> PROCESS_WIDE_LISTENERS = Set.of(LoggingApplicationListener.class.getName(),
			AnsiOutputApplicationListener.class.getName(), "org.springframework.boot.ClearCachesApplicationListener");

	private static final String CONDITIONS_ENDPOINT = "org.springframework.boot.actuate.autoconfigure.condition."
			+ "ConditionsReportEndpoint";

	private final ConfigurableWebApplicationContext parent;

	private final AtomicLong sequence = new AtomicLong();

	private final ClassLoader classLoader;

	private final SharedMetadataReaderFactory metadataReaderFactory;

	private final @Nullable Class<?> conditionsEndpoint;

	private @Nullable GenericApplicationContext inheritedBeans;

	private final Map<List<Object>, TemplateConfiguration.Template> templates = new ConcurrentHashMap<>();

	public ApplicationInstanceFactory(ConfigurableWebApplicationContext parent) {
		this.parent = parent;
		// The class loader of the default application's beans, taken once: unless it was
		// given one, the context answers with the asking thread's context class loader,
		// which for a start that a request asks for is the web server's
		ClassLoader beanClassLoader = parent.getBeanFactory().getBeanClassLoader();
		this.classLoader = (beanClassLoader != null) ? beanClassLoader : parent.getClassLoader();
		this.metadataReaderFactory = new SharedMetadataReaderFactory(new DefaultResourceLoader(this.classLoader));
		this.conditionsEndpoint = ClassUtils.isPresent(CONDITIONS_ENDPOINT, this.classLoader)
				? ClassUtils.resolveClassName(CONDITIONS_ENDPOINT, this.classLoader) : null;
	}

	/**
	 * Start an application.
	 * @param definition what the application is made of
	 * @return the started application
	 * @throws DispatchedApplicationStartupException if it fails to start; nothing of it is left open
	 */
	public ApplicationInstance start(ApplicationDefinition definition) {
		Thread thread = Thread.currentThread();
		ClassLoader contextClassLoader = thread.getContextClassLoader();
		// Starts run on pool threads; the application sees the class loader it would as the
		// default application
		thread.setContextClassLoader(this.classLoader);
		try {
			return startWithContextClassLoader(definition);
		}
		finally {
			thread.setContextClassLoader(contextClassLoader);
		}
	}

	private ApplicationInstance startWithContextClassLoader(ApplicationDefinition definition) {
		DispatchedApplicationContext context = run(definition);
		try {
			releaseConditionEvaluationReport(context);
			String servletName = dispatcherServletName(context);
			Servlet servlet = (servletName != null) ? context.getBean(servletName, DispatcherServlet.class)
					: new DispatcherServlet(context);
			servletName = (servletName != null) ? servletName : DISPATCHER_SERVLET_NAME;
			ServletComponents components = initializeServletContext(context, definition, servlet);
			servlet.init(new ApplicationConfig(servletName, context.getServletContext()));
			ErrorPages errorPages = ErrorPages.of(context.getBeanFactory());
			// Last, for the singletons that the servlet's and the filters' initialization created
			context.releaseCreationMetadata();
			return new ApplicationInstance(definition, this.sequence.incrementAndGet(), context, components.filters(),
					servletName, servlet, components.servletPath(), errorPages);
		}
		catch (Exception ex) {
			context.close();
			throw new DispatchedApplicationStartupException(definition.description(), definition.configurationPrefix(), ex);
		}
	}

	private DispatchedApplicationContext run(ApplicationDefinition definition) {
		ChildSpringApplication application = null;
		try {
			Assert.state(!definition.sources().isEmpty(), () -> "The " + definition.description()
					+ " has no sources: set them in '" + definition.configurationPrefix()
					+ ".sources', its group's sources, or its TenantDefinition");
			application = new ChildSpringApplication(definition, new DefaultResourceLoader(this.classLoader));
			application.setApplicationContextFactory((webApplicationType) -> createContext(definition));
			application.addInitializers(new SharedMetadataReaderFactoryInitializer(this.metadataReaderFactory));
			application.addInitializers((context) -> {
				context.setId(this.parent.getId() + ":" + definition.name());
				if (definition.inheritParent()) {
					context.setParent(getInheritedBeans());
				}
				if (definition.security() == Security.DEFAULT_APPLICATION) {
					context.addBeanFactoryPostProcessor(new NoSecurityOfItsOwn(definition));
				}
			});
			return (DispatchedApplicationContext) application.run();
		}
		catch (SpringApplication.AbandonedRunException ex) {
			ConfigurableApplicationContext context = ex.getApplicationContext();
			if (context != null) {
				context.close();
			}
			Throwable failure = (application.failure != null) ? application.failure : ex;
			throw new DispatchedApplicationStartupException(definition.description(), definition.configurationPrefix(), failure);
		}
		catch (RuntimeException ex) {
			throw new DispatchedApplicationStartupException(definition.description(), definition.configurationPrefix(), ex);
		}
	}

	/**
	 * Let a started application's condition evaluation report go, unless its conditions
	 * endpoint serves it: past the refresh, at which it was logged, nothing else reads it.
	 * Boot keeps it for the life of the application, and it is about a tenth of an idle
	 * tenant's heap.
	 */
	private void releaseConditionEvaluationReport(DispatchedApplicationContext context) {
		if (this.conditionsEndpoint != null
				&& context.getBeanNamesForType(this.conditionsEndpoint, false, false).length > 0) {
			return;
		}
		DefaultListableBeanFactory beanFactory = context.getDefaultListableBeanFactory();
		for (String name : beanFactory.getBeanNamesForType(ConditionEvaluationReport.class, false, false)) {
			beanFactory.destroySingleton(name);
		}
	}

	private DispatchedApplicationContext createContext(ApplicationDefinition definition) {
		// The container's servlet context exists once the web server has started
		ServletContext container = this.parent.getServletContext();
		Assert.state(container != null, "The default application has no ServletContext yet");
		DispatchedApplicationContext context = new DispatchedApplicationContext(template(definition),
				this.metadataReaderFactory);
		ServletContext servletContext = DispatchedServletContext.create(container,
				container.getContextPath() + definition.path(), definition.name());
		servletContext.setAttribute(WebApplicationContext.ROOT_WEB_APPLICATION_CONTEXT_ATTRIBUTE, context);
		context.setServletContext(servletContext);
		return context;
	}

	private TemplateConfiguration.Template template(ApplicationDefinition definition) {
		if (!definition.reuseConfiguration()) {
			return TemplateConfiguration.Template.unique();
		}
		// Per group: one template records for its tenants, whose group properties are alike
		List<Object> key = List.of(definition.group(), definition.sources(), definition.inheritParent());
		return this.templates.computeIfAbsent(key, (ignored) -> new TemplateConfiguration.Template());
	}

	private synchronized GenericApplicationContext getInheritedBeans() {
		if (this.inheritedBeans == null) {
			this.inheritedBeans = InheritedBeans.of(this.parent, this.classLoader);
		}
		return this.inheritedBeans;
	}

	/**
	 * Apply what the application registers on its servlet context, as a container applies
	 * a web application's initializers: its filters are kept to run for its requests, the
	 * mapping of its servlet gives its servlet path, and its other initializers run. What
	 * the container alone could honour (other servlets, listeners) fails the start.
	 */
	private ServletComponents initializeServletContext(ConfigurableWebApplicationContext context,
			ApplicationDefinition definition, Servlet servlet) throws Exception {
		List<ApplicationFilter> filters = new ArrayList<>();
		String servletPath = "";
		ServletContext servletContext = context.getServletContext();
		for (ServletContextInitializer initializer : new ServletContextInitializerBeans(context.getBeanFactory())) {
			if (initializer instanceof RegistrationBean registration && !registration.isEnabled()) {
				continue;
			}
			if (initializer instanceof AbstractFilterRegistrationBean<?> registration) {
				Filter filter = registration.getFilter();
				if (filter != null) {
					filter.init(new ApplicationConfig(registration.getFilterName(), servletContext,
							registration.getInitParameters()));
					filters.add(new ApplicationFilter(registration.getFilterName(), filter,
							registration.determineDispatcherTypes(), urlPatterns(registration),
							servletNames(registration)));
				}
			}
			else if (initializer instanceof ServletRegistrationBean<?> registration) {
				Assert.state(registration.getServlet() == servlet, () -> "The " + definition.description()
						+ " registers the servlet '" + registration.getServletName() + "': a dispatched application "
						+ "serves its requests with its DispatcherServlet only. Serve that servlet from the default "
						+ "application, or its requests with a Spring MVC handler");
				servletPath = servletPath(registration, definition);
			}
			else if (initializer instanceof ServletListenerRegistrationBean<?> registration) {
				throw new IllegalStateException("The " + definition.description() + " registers the servlet listener "
						+ ClassUtils.getUserClass(registration.getListener()).getName() + ": the container notifies "
						+ "only the default application's listeners. Declare it in the default application");
			}
			else {
				initializer.onStartup(servletContext);
			}
		}
		return new ServletComponents(filters, servletPath);
	}

	/**
	 * Return the servlet path of the application's {@code DispatcherServlet}: {@code ""}
	 * when it is mapped to every path, {@code /mvc} when it is mapped to {@code /mvc/*}
	 * (Boot's {@code spring.mvc.servlet.path}). Spring Security's matchers are built
	 * under the same path, so any other mapping, which the application would serve
	 * otherwise than its security sees it, fails the start.
	 */
	private static String servletPath(ServletRegistrationBean<?> registration, ApplicationDefinition definition) {
		Collection<String> mappings = registration.getUrlMappings();
		String mapping = (mappings.size() == 1) ? mappings.iterator().next() : (mappings.isEmpty() ? "/" : "");
		if (mapping.equals("/") || mapping.equals("/*")) {
			return "";
		}
		String path = mapping.endsWith("/*") ? mapping.substring(0, mapping.length() - 2) : "";
		Assert.state(path.startsWith("/") && !path.contains("*"), () -> "The " + definition.description()
				+ " maps its DispatcherServlet '" + registration.getServletName() + "' to " + mappings
				+ ": a dispatched application serves its DispatcherServlet under one path, such as '/' or '/mvc/*' "
				+ "(spring.mvc.servlet.path=/mvc)");
		return path;
	}

	private static List<String> urlPatterns(AbstractFilterRegistrationBean<?> registration) {
		if (registration.getUrlPatterns().isEmpty() && servletNames(registration).isEmpty()) {
			return List.of("/*");
		}
		return List.copyOf(registration.getUrlPatterns());
	}

	private static List<String> servletNames(AbstractFilterRegistrationBean<?> registration) {
		List<String> names = new ArrayList<>(registration.getServletNames());
		registration.getServletRegistrationBeans().forEach((servlet) -> names.add(servlet.getServletName()));
		return names;
	}

	private static @Nullable String dispatcherServletName(WebApplicationContext context) {
		List<String> names = Arrays.asList(context.getBeanNamesForType(DispatcherServlet.class, false, false));
		if (names.contains(DISPATCHER_SERVLET_NAME) || names.isEmpty()) {
			return names.isEmpty() ? null : DISPATCHER_SERVLET_NAME;
		}
		if (names.size() == 1) {
			return names.get(0);
		}
		throw new IllegalStateException("Found DispatcherServlet beans " + names + " and none is named '"
				+ DISPATCHER_SERVLET_NAME + "': name the one that serves the application '"
				+ DISPATCHER_SERVLET_NAME + "'");
	}

	/**
	 * What an application registers on its servlet context that dispatching honours.
	 *
	 * @param filters its filters, in order
	 * @param servletPath the path its servlet is mapped to, {@code ""} for every path
	 */
	private record ServletComponents(List<ApplicationFilter> filters, String servletPath) {
	}

	/**
	 * Close the parent context that holds the default application's beans for
	 * applications that inherit them, if one was created.
	 */
	public synchronized void close() {
		if (this.inheritedBeans != null) {
			this.inheritedBeans.close();
			this.inheritedBeans = null;
		}
	}

	/**
	 * Gives a dispatched application the shared {@link SharedMetadataReaderFactory}, under
	 * the name of the one that Boot's {@code SharedMetadataReaderFactoryContextInitializer}
	 * would register: Boot registers its own only when the name is free, and its
	 * configuration class and auto-configuration processing use the one of that name.
	 */
	private static final class SharedMetadataReaderFactoryInitializer
			implements ApplicationContextInitializer<ConfigurableApplicationContext>, Ordered {

		private static final String BEAN_NAME = "org.springframework.boot.autoconfigure.internalCachingMetadataReaderFactory";

		private final MetadataReaderFactory metadataReaderFactory;

		SharedMetadataReaderFactoryInitializer(MetadataReaderFactory metadataReaderFactory) {
			this.metadataReaderFactory = metadataReaderFactory;
		}

		@Override
		public void initialize(ConfigurableApplicationContext context) {
			MetadataReaderFactory factory = this.metadataReaderFactory;
			BeanDefinitionRegistryPostProcessor registrar = (registry) -> registry.registerBeanDefinition(BEAN_NAME,
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
	 * Fails the start of an application that the default application's security guards
	 * but that declares security of its own, before anything of it is created: two
	 * securities would each decide part of who the user is.
	 */
	public static final class NoSecurityOfItsOwn implements BeanFactoryPostProcessor {

		// Spring Security's SecurityFilterChain, which every HttpSecurity configuration builds
		public static final String SECURITY_FILTER_CHAIN_CLASS = "org.springframework.security.web.SecurityFilterChain";

		private final ApplicationDefinition definition;

		NoSecurityOfItsOwn(ApplicationDefinition definition) {
			this.definition = definition;
		}

		@Override
		public void postProcessBeanFactory(ConfigurableListableBeanFactory beanFactory) {
			List<String> names = new ArrayList<>();
			if (beanFactory.containsBeanDefinition(SPRING_SECURITY_FILTER_CHAIN)) {
				names.add(SPRING_SECURITY_FILTER_CHAIN);
			}
			ClassLoader classLoader = beanFactory.getBeanClassLoader();
			if (ClassUtils.isPresent(SECURITY_FILTER_CHAIN_CLASS, classLoader)) {
				Class<?> type = ClassUtils.resolveClassName(SECURITY_FILTER_CHAIN_CLASS, classLoader);
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

	/**
	 * Logs a dispatched application's condition evaluation report when its context has
	 * refreshed, as Boot's {@link ConditionEvaluationReportLoggingListener} does, at debug
	 * and under the same logger. Boot's listener keeps the report as long as the context
	 * keeps the listener, which is for the life of the application; this one looks the
	 * report up when it logs, so that the report can be let go once the application has
	 * started. A dispatched application's failed start is reported by the dispatcher.
	 */
	private static final class ConditionEvaluationReportLogging
			implements ApplicationContextInitializer<ConfigurableApplicationContext> {

		@Override
		public void initialize(ConfigurableApplicationContext context) {
			context.addApplicationListener(new Listener(context));
		}

		private static final class Listener implements ApplicationListener<ContextRefreshedEvent> {

			private static final Log logger = LogFactory
				.getLog("org.springframework.boot.autoconfigure.logging.ConditionEvaluationReportLogger");

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
	 * A {@link SpringApplication} for a dispatched application.
	 */
	private static final class ChildSpringApplication extends SpringApplication {

		private static final String ADD_CONVERSION_SERVICE_PROPERTY = "spring.main.add-conversion-service";

		private final ApplicationDefinition definition;

		private @Nullable RuntimeException failure;

		ChildSpringApplication(ApplicationDefinition definition, DefaultResourceLoader resourceLoader) {
			super(resourceLoader, definition.sources().toArray(new Class<?>[0]));
			this.definition = definition;
			setMainApplicationClass(definition.sources().get(0));
			setWebApplicationType(WebApplicationType.SERVLET);
			setAdditionalProfiles(definition.profiles().toArray(new String[0]));
			setListeners(withoutProcessWideListeners(getListeners()));
			setInitializers(withConditionEvaluationReportLogging(getInitializers()));
			// Process-wide registries keep what is added to them: a closed application's
			// meter registry in Micrometer's global registry would keep its whole context
			setDefaultProperties(Map.of("management.metrics.use-global-registry", "false"));
			applyFixedSettings();
		}

		private static List<ApplicationListener<?>> withoutProcessWideListeners(
				Set<ApplicationListener<?>> listeners) {
			return listeners.stream()
				.filter((listener) -> !PROCESS_WIDE_LISTENERS.contains(listener.getClass().getName()))
				.toList();
		}

		private static List<ApplicationContextInitializer<?>> withConditionEvaluationReportLogging(
				Set<ApplicationContextInitializer<?>> initializers) {
			List<ApplicationContextInitializer<?>> result = new ArrayList<>();
			for (ApplicationContextInitializer<?> initializer : initializers) {
				result.add((initializer instanceof ConditionEvaluationReportLoggingListener)
						? new ConditionEvaluationReportLogging() : initializer);
			}
			return result;
		}

		private void applyFixedSettings() {
			setBannerMode(Banner.Mode.OFF);
			setLogStartupInfo(false);
			setRegisterShutdownHook(false);
			// A CopyOnWriteConversionService instead of a new ApplicationConversionService:
			// the same converters, without each tenant keeping its own copy of them
			setAddConversionService(false);
		}

		@Override
		protected void configureEnvironment(ConfigurableEnvironment environment, String[] args) {
			super.configureEnvironment(environment, args);
			environment.setConversionService(new CopyOnWriteConversionService());
		}

		@Override
		protected void postProcessApplicationContext(ConfigurableApplicationContext context) {
			super.postProcessApplicationContext(context);
			// As Boot does for the bean factory, which the application may turn off
			ConfigurableEnvironment environment = context.getEnvironment();
			if (environment.getProperty(ADD_CONVERSION_SERVICE_PROPERTY, Boolean.class, true)) {
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
			properties.put(SECURITY_PROPERTY, this.definition.security().name());
			environment.getPropertySources().addFirst(new RecordingPropertySource(PROPERTY_SOURCE_NAME, properties));
		}

		@Override
		protected void bindToSpringApplication(ConfigurableEnvironment environment) {
			// The environment is prepared, the application's config files loaded
			try {
				IneffectiveProperties.check(environment, this.definition);
			}
			catch (InvalidDispatchConfigurationException ex) {
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
				// Abandon the run so that SpringApplication does not log the failure too:
				// the caller logs it once, with the application's name
				this.failure = ex;
				throw new AbandonedRunException(applicationContext);
			}
		}

	}

}
