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

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import dev.dispatch.application.ApplicationDefinition;
import dev.dispatch.application.ApplicationInstance;
import dev.dispatch.application.ApplicationStarter;
import dev.dispatch.application.DispatchedApplicationStartupException;
import dev.dispatch.context.reuse.ConfigurationTemplate;
import dev.dispatch.web.DispatchedServletContext;
import dev.dispatch.web.ServletApplication;
import dev.dispatch.web.ServletRegistrations;
import jakarta.servlet.ServletContext;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.support.DefaultListableBeanFactory;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.condition.ConditionEvaluationReport;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.support.GenericApplicationContext;
import org.springframework.core.io.DefaultResourceLoader;
import org.springframework.util.Assert;
import org.springframework.util.ClassUtils;
import org.springframework.web.context.ConfigurableWebApplicationContext;
import org.springframework.web.context.WebApplicationContext;

/**
 * Starts the instances of dispatched applications, each a
 * {@link DispatchedSpringApplication} of its own. Like the Actuator's management child
 * context, each application reuses the default application's class loader and gets the id
 * {@code <parent id>:<name>}. For internal use only.
 *
 * @author Dispatch contributors
 */
public final class ApplicationInstanceFactory implements ApplicationStarter, AutoCloseable {

	private final ConfigurableWebApplicationContext parent;

	private final StartupOptimizations optimizations;

	private final EnvironmentCheck environmentCheck;

	private final AtomicLong sequence = new AtomicLong();

	private final ClassLoader classLoader;

	private final @Nullable SharedMetadataReaderFactory metadataReaderFactory;

	private final @Nullable SharedTemplateParsers templateParsers;

	private final @Nullable Class<?> conditionsEndpoint;

	private @Nullable GenericApplicationContext inheritedBeans;

	private final Map<List<Object>, ConfigurationTemplate> templates = new ConcurrentHashMap<>();

	/**
	 * Create a factory.
	 * @param parent the default application's context, whose server has started
	 * @param optimizations what the applications do to start faster and hold less
	 * @param environmentCheck what checks an application's environment before it starts
	 */
	public ApplicationInstanceFactory(ConfigurableWebApplicationContext parent, StartupOptimizations optimizations,
			EnvironmentCheck environmentCheck) {
		this.parent = parent;
		this.optimizations = optimizations;
		this.environmentCheck = environmentCheck;
		// The class loader of the default application's beans, taken once: unless it was
		// given one, the context answers with the asking thread's context class loader,
		// which for a start that a request asks for is the web server's
		ClassLoader beanClassLoader = parent.getBeanFactory().getBeanClassLoader();
		this.classLoader = (beanClassLoader != null) ? beanClassLoader : parent.getClassLoader();
		this.metadataReaderFactory = optimizations.sharedClassMetadata()
				? new SharedMetadataReaderFactory(new DefaultResourceLoader(this.classLoader)) : null;
		this.templateParsers = (optimizations.sharedTemplateParsers()
				&& SharedTemplateParsers.isPresent(this.classLoader)) ? new SharedTemplateParsers() : null;
		this.conditionsEndpoint = ClassUtils.isPresent(StartInternals.CONDITIONS_ENDPOINT, this.classLoader)
				? ClassUtils.resolveClassName(StartInternals.CONDITIONS_ENDPOINT, this.classLoader) : null;
	}

	@Override
	public ApplicationInstance start(ApplicationDefinition definition) {
		Thread thread = Thread.currentThread();
		ClassLoader contextClassLoader = thread.getContextClassLoader();
		// Starts run on pool threads; the application sees the class loader it would as
		// the default application
		thread.setContextClassLoader(this.classLoader);
		try {
			DispatchedApplicationContext context = run(definition);
			try {
				if (this.optimizations.releaseStartupState()) {
					releaseConditionEvaluationReport(context);
				}
				ServletApplication servlets = ServletComponents.apply(context, definition);
				if (this.optimizations.releaseStartupState()) {
					// Last, for the singletons that initializing the servlet and the
					// filters created
					context.releaseCreationMetadata();
				}
				return new ApplicationInstance(definition, nextSequence(), context, servlets);
			}
			catch (Exception ex) {
				context.close();
				throw new DispatchedApplicationStartupException(definition.description(),
						definition.configurationPrefix(), ex);
			}
		}
		finally {
			thread.setContextClassLoader(contextClassLoader);
		}
	}

	/**
	 * Return the number of the next start, in the order of all starts.
	 * @return the number
	 */
	public long nextSequence() {
		return this.sequence.incrementAndGet();
	}

	private DispatchedApplicationContext run(ApplicationDefinition definition) {
		DispatchedSpringApplication application = null;
		try {
			Assert.state(!definition.sources().isEmpty(),
					() -> "The " + definition.description() + " has no sources: set them in '"
							+ definition.configurationPrefix()
							+ ".sources', its group's sources, or its TenantDefinition");
			application = new DispatchedSpringApplication(definition, new DefaultResourceLoader(this.classLoader),
					this.optimizations, this.environmentCheck);
			application.setApplicationContextFactory((webApplicationType) -> createContext(definition));
			if (this.metadataReaderFactory != null) {
				application.shareClassMetadata(this.metadataReaderFactory);
			}
			if (this.templateParsers != null) {
				application.addInitializers(this.templateParsers::attach);
			}
			application.addInitializers((context) -> {
				context.setId(this.parent.getId() + ":" + definition.name());
				if (definition.inheritParent()) {
					context.setParent(getInheritedBeans());
				}
			});
			return (DispatchedApplicationContext) application.run();
		}
		catch (SpringApplication.AbandonedRunException ex) {
			ConfigurableApplicationContext context = ex.getApplicationContext();
			if (context != null) {
				context.close();
			}
			Throwable failure = (application.getFailure() != null) ? application.getFailure() : ex;
			throw new DispatchedApplicationStartupException(definition.description(), definition.configurationPrefix(),
					failure);
		}
		catch (RuntimeException ex) {
			throw new DispatchedApplicationStartupException(definition.description(), definition.configurationPrefix(),
					ex);
		}
	}

	// Let a started application's condition evaluation report go, unless its conditions
	// endpoint serves it: past the refresh, at which it was logged, nothing else reads
	// it. Boot keeps it for the life of the application, and it is about a tenth of an
	// idle tenant's heap.
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
				this.metadataReaderFactory, this.optimizations.keepCommonCaches());
		ServletContext servletContext = DispatchedServletContext.create(container,
				container.getContextPath() + definition.path(), definition.name(),
				new ServletRegistrations(definition.description()));
		servletContext.setAttribute(WebApplicationContext.ROOT_WEB_APPLICATION_CONTEXT_ATTRIBUTE, context);
		context.setServletContext(servletContext);
		return context;
	}

	private @Nullable ConfigurationTemplate template(ApplicationDefinition definition) {
		if (!definition.reuseConfiguration()) {
			return null;
		}
		// Per group: one template records for its tenants, whose group properties are
		// alike
		List<Object> key = List.of(definition.group(), definition.sources(), definition.inheritParent());
		return this.templates.computeIfAbsent(key, (ignored) -> new ConfigurationTemplate());
	}

	private synchronized GenericApplicationContext getInheritedBeans() {
		if (this.inheritedBeans == null) {
			this.inheritedBeans = InheritedBeans.of(this.parent, this.classLoader);
		}
		return this.inheritedBeans;
	}

	/**
	 * Close the parent context that holds the default application's beans for
	 * applications that inherit them, if one was created.
	 */
	@Override
	public synchronized void close() {
		if (this.inheritedBeans != null) {
			this.inheritedBeans.close();
			this.inheritedBeans = null;
		}
	}

}
