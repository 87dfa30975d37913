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

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.beans.BeansException;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.beans.factory.config.DependencyDescriptor;
import org.springframework.beans.factory.support.AutowireCandidateResolver;
import org.springframework.beans.factory.support.DefaultListableBeanFactory;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.support.AbstractApplicationContext;
import org.springframework.context.support.GenericApplicationContext;
import org.springframework.core.annotation.MergedAnnotations;
import org.springframework.core.annotation.MergedAnnotations.SearchStrategy;
import org.springframework.util.ClassUtils;

/**
 * The parent context of applications that inherit the default application's beans: it
 * holds the default application's singletons, but not its web layer.
 * <p>
 * The default application's context itself cannot be the parent: Boot's
 * auto-configuration in the child would find the parent's {@code DispatcherServlet} and
 * MVC configuration and back off, and the child's {@code DispatcherServlet} would pick up
 * the parent's handler mappings, so the default application's endpoints would answer
 * under the mount. This context holds the same instances minus servlets, filters, Spring
 * MVC infrastructure and configurers, error handling, security filter chains, Actuator
 * endpoints, health and metrics registries (which would report on the default
 * application, or, for health, include the application itself) and the container
 * infrastructure (post-processors, lifecycle beans, listeners) that must not run twice.
 *
 * @author Dispatch contributors
 */
final class InheritedBeans {

	private static final Log logger = LogFactory.getLog(InheritedBeans.class);

	static final List<String> EXCLUDED_TYPES = List.of(
			"org.springframework.beans.factory.config.BeanFactoryPostProcessor",
			"org.springframework.beans.factory.config.BeanPostProcessor", "org.springframework.context.Lifecycle",
			"org.springframework.context.event.ApplicationEventMulticaster", "java.util.EventListener",
			"jakarta.servlet.Servlet", "jakarta.servlet.Filter",
			"org.springframework.boot.web.servlet.ServletContextInitializer",
			"org.springframework.web.servlet.HandlerMapping", "org.springframework.web.servlet.HandlerAdapter",
			"org.springframework.web.servlet.HandlerExceptionResolver", "org.springframework.web.servlet.ViewResolver",
			"org.springframework.web.servlet.View", "org.springframework.web.servlet.LocaleResolver",
			"org.springframework.web.servlet.RequestToViewNameTranslator",
			"org.springframework.web.servlet.FlashMapManager", "org.springframework.web.multipart.MultipartResolver",
			"org.springframework.web.servlet.config.annotation.WebMvcConfigurer",
			"org.springframework.web.servlet.config.annotation.WebMvcConfigurationSupport",
			"org.springframework.boot.webmvc.autoconfigure.WebMvcRegistrations",
			"org.springframework.boot.webmvc.autoconfigure.DispatcherServletPath",
			"org.springframework.boot.webmvc.error.ErrorController",
			"org.springframework.boot.webmvc.error.ErrorAttributes",
			"org.springframework.boot.webmvc.autoconfigure.error.ErrorViewResolver",
			"org.springframework.boot.web.error.ErrorPageRegistrar",
			"org.springframework.boot.web.server.WebServerFactory",
			"org.springframework.boot.web.server.WebServerFactoryCustomizer",
			"org.springframework.security.web.SecurityFilterChain",
			"org.springframework.security.config.annotation.web.configuration.WebSecurityCustomizer",
			"org.springframework.boot.actuate.endpoint.EndpointsSupplier",
			"org.springframework.boot.actuate.endpoint.web.PathMappedEndpoints",
			"org.springframework.boot.health.registry.HealthContributorRegistry",
			"org.springframework.boot.health.registry.ReactiveHealthContributorRegistry",
			"org.springframework.boot.health.contributor.HealthContributor",
			"org.springframework.boot.health.contributor.ReactiveHealthContributor",
			"io.micrometer.core.instrument.MeterRegistry", "io.micrometer.core.instrument.binder.MeterBinder",
			"io.micrometer.observation.ObservationRegistry");

	static final List<String> ENDPOINT_ANNOTATIONS = List.of(
			"org.springframework.boot.actuate.endpoint.annotation.Endpoint",
			"org.springframework.boot.actuate.endpoint.annotation.EndpointExtension");

	private static final Set<String> CONTEXT_BEAN_NAMES = Set.of(ConfigurableApplicationContext.ENVIRONMENT_BEAN_NAME,
			ConfigurableApplicationContext.SYSTEM_PROPERTIES_BEAN_NAME,
			ConfigurableApplicationContext.SYSTEM_ENVIRONMENT_BEAN_NAME,
			ConfigurableApplicationContext.APPLICATION_STARTUP_BEAN_NAME,
			AbstractApplicationContext.MESSAGE_SOURCE_BEAN_NAME,
			AbstractApplicationContext.APPLICATION_EVENT_MULTICASTER_BEAN_NAME,
			AbstractApplicationContext.LIFECYCLE_PROCESSOR_BEAN_NAME);

	private InheritedBeans() {
	}

	/**
	 * Create and refresh a context that holds the given context's inheritable beans.
	 * @param parent the default application's context
	 * @param classLoader the class loader of the default application's beans
	 * @return the refreshed context
	 */
	static GenericApplicationContext of(ConfigurableApplicationContext parent, ClassLoader classLoader) {
		ConfigurableListableBeanFactory source = parent.getBeanFactory();
		List<Class<?>> excludedTypes = excludedTypes(classLoader);
		ParentBeanFactory beanFactory = new ParentBeanFactory(source);
		for (String name : beanNames(source)) {
			if (isInheritable(source, name, excludedTypes)) {
				try {
					Object bean = source.getBean(name);
					// A @Bean method that returned null leaves a NullBean, which equals
					// null
					if (bean == null || bean.equals(null)) {
						continue;
					}
					beanFactory.registerSingleton(name, bean);
					for (String alias : source.getAliases(name)) {
						beanFactory.registerAlias(name, alias);
					}
				}
				catch (BeansException ex) {
					logger.debug("Bean '" + name + "' of " + parent.getId() + " is not inherited", ex);
				}
			}
		}
		GenericApplicationContext context = new GenericApplicationContext(beanFactory);
		context.setId(parent.getId() + ":inherited");
		context.setClassLoader(classLoader);
		context.refresh();
		return context;
	}

	private static Set<String> beanNames(ConfigurableListableBeanFactory source) {
		Set<String> names = new LinkedHashSet<>(List.of(source.getBeanDefinitionNames()));
		names.addAll(List.of(source.getSingletonNames()));
		return names;
	}

	private static boolean isInheritable(ConfigurableListableBeanFactory source, String name,
			List<Class<?>> excludedTypes) {
		if (CONTEXT_BEAN_NAMES.contains(name) || !source.isSingleton(name)) {
			return false;
		}
		if (source.containsBeanDefinition(name)) {
			BeanDefinition definition = source.getMergedBeanDefinition(name);
			if (definition.isAbstract() || definition.getRole() == BeanDefinition.ROLE_INFRASTRUCTURE) {
				return false;
			}
			// Beans of an excluded configuration, such as the MVC configuration's
			// conversion service or path matcher, belong to its layer too
			String factoryBean = definition.getFactoryBeanName();
			if (factoryBean != null && source.containsBean(factoryBean)
					&& !isInheritable(source, factoryBean, excludedTypes)) {
				return false;
			}
		}
		for (Class<?> excluded : excludedTypes) {
			if (source.isTypeMatch(name, excluded)) {
				return false;
			}
		}
		// Actuator endpoints and their extensions: the application has its own, which
		// report on it
		Class<?> type = source.getType(name);
		if (type != null) {
			MergedAnnotations annotations = MergedAnnotations.from(type, SearchStrategy.TYPE_HIERARCHY);
			return ENDPOINT_ANNOTATIONS.stream().noneMatch(annotations::isPresent);
		}
		return true;
	}

	private static List<Class<?>> excludedTypes(ClassLoader classLoader) {
		return EXCLUDED_TYPES.stream()
			.filter((name) -> ClassUtils.isPresent(name, classLoader))
			.map((name) -> ClassUtils.resolveClassName(name, classLoader))
			.filter(Objects::nonNull)
			.<Class<?>>map((type) -> type)
			.toList();
	}

	/**
	 * Holds the inherited instances as registered singletons, which are never
	 * post-processed again, and answers the questions that autowiring asks of a parent
	 * ({@code @Primary}, qualifiers) from the default application's bean definitions.
	 */
	private static final class ParentBeanFactory extends DefaultListableBeanFactory {

		private final ConfigurableListableBeanFactory source;

		ParentBeanFactory(ConfigurableListableBeanFactory source) {
			this.source = source;
		}

		@Override
		protected boolean isPrimary(String beanName, Object beanInstance) {
			return hasDefinition(beanName) && this.source.getMergedBeanDefinition(beanName).isPrimary();
		}

		@Override
		protected boolean isAutowireCandidate(String beanName, DependencyDescriptor descriptor,
				AutowireCandidateResolver resolver) {
			if (hasDefinition(beanName)) {
				return this.source.isAutowireCandidate(beanName, descriptor);
			}
			return super.isAutowireCandidate(beanName, descriptor, resolver);
		}

		private boolean hasDefinition(String beanName) {
			return this.source.containsBeanDefinition(transformedBeanName(beanName));
		}

	}

}
