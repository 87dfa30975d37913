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

package dev.dispatch.autoconfigure;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import dev.dispatch.application.Admission;
import dev.dispatch.application.ApplicationDefinition;
import dev.dispatch.application.ApplicationGroup;
import dev.dispatch.application.ApplicationStarter;
import dev.dispatch.application.DispatchListeners;
import dev.dispatch.application.DispatchedApplication;
import dev.dispatch.application.DispatchedApplicationRegistry;
import dev.dispatch.application.InstanceCloser;
import dev.dispatch.application.StartQueue;
import dev.dispatch.application.StartSettings;
import dev.dispatch.application.TenantGroup;
import dev.dispatch.autoconfigure.DispatchDefinitions.TenantGroupConfiguration;
import dev.dispatch.autoconfigure.DispatchProperties.Optimizations;
import dev.dispatch.context.ApplicationInstanceFactory;
import dev.dispatch.context.StartupOptimizations;
import dev.dispatch.context.isolated.IsolatedApplications;
import dev.dispatch.web.DispatchFilter;
import dev.dispatch.web.DispatchTarget;
import dev.dispatch.web.Router;
import jakarta.servlet.DispatcherType;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication.Type;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Role;
import org.springframework.scheduling.concurrent.CustomizableThreadFactory;
import org.springframework.util.Assert;
import org.springframework.web.context.ConfigurableWebApplicationContext;
import org.springframework.web.servlet.DispatcherServlet;

/**
 * {@link org.springframework.boot.autoconfigure.EnableAutoConfiguration
 * Auto-configuration} for application dispatching: serves the applications configured
 * under {@code dispatch.mounts.*} and the tenants of {@code dispatch.subdomain.*} and
 * {@code dispatch.path.*} from the default application's server, each in an application
 * context of its own.
 *
 * @author Dispatch contributors
 */
@AutoConfiguration
@ConditionalOnWebApplication(type = Type.SERVLET)
@ConditionalOnClass(DispatcherServlet.class)
@ConditionalOnBooleanProperty(name = "dispatch.enabled", matchIfMissing = true)
@EnableConfigurationProperties(DispatchProperties.class)
public final class DispatchAutoConfiguration {

	/**
	 * The bean name of the registration of the filter that dispatches requests.
	 */
	public static final String DISPATCH_FILTER_REGISTRATION_BEAN_NAME = "dispatchFilterRegistration";

	/**
	 * The name of the filter that dispatches requests.
	 */
	public static final String DISPATCH_FILTER_NAME = "dispatchFilter";

	/**
	 * The bean name of a {@link TenantDirectory} for the subdomain tenants only.
	 */
	public static final String SUBDOMAIN_TENANT_DIRECTORY_BEAN_NAME = "subdomainTenantDirectory";

	/**
	 * The bean name of a {@link TenantDirectory} for the path tenants only.
	 */
	public static final String PATH_TENANT_DIRECTORY_BEAN_NAME = "pathTenantDirectory";

	// Dispatching's own beans are infrastructure, which an application that inherits the
	// default application's beans never gets: with them, it could reach its siblings
	@Bean
	@Role(BeanDefinition.ROLE_INFRASTRUCTURE)
	DispatchSetup dispatchSetup(ApplicationContext applicationContext, DispatchProperties properties,
			ObjectProvider<GroupDirectories> groupDirectories) {
		return DispatchSetup.of(properties, applicationContext.getBeansOfType(TenantDirectory.class),
				groupDirectories.getIfAvailable(), applicationContext.getClassLoader());
	}

	@Bean
	@Role(BeanDefinition.ROLE_INFRASTRUCTURE)
	DispatchedApplicationRegistry dispatchedApplicationRegistry(ApplicationContext applicationContext,
			DispatchProperties properties, DispatchSetup setup) {
		Assert.isInstanceOf(ConfigurableWebApplicationContext.class, applicationContext);
		ConfigurableWebApplicationContext parent = (ConfigurableWebApplicationContext) applicationContext;
		IneffectiveProperties check = new IneffectiveProperties();
		ApplicationInstanceFactory factory = new ApplicationInstanceFactory(parent,
				optimizations(properties.getOptimizations()), check);
		IsolatedApplications isolated = new IsolatedApplications(parent, check, factory::nextSequence);
		ApplicationStarter starts = (definition) -> (definition.location() != null) ? isolated.start(definition)
				: factory.start(definition);
		ExecutorService starter = Executors.newCachedThreadPool(daemonThreads("dispatch-start-"));
		InstanceCloser closer = new InstanceCloser(Executors.newSingleThreadExecutor(daemonThreads("dispatch-close-")));
		DispatchListeners listeners = new DispatchListeners();
		StartQueue line = startQueue(starter, properties);
		StartSettings settings = new StartSettings(line, properties.getStartTimeout(), properties.getStartBackoff(),
				closer, listeners);
		List<DispatchedApplication> mounts = new ArrayList<>();
		for (ApplicationDefinition definition : setup.mounts().values()) {
			mounts.add(new DispatchedApplication(definition, starts, settings, Admission.ANY));
		}
		List<TenantGroup> groups = new ArrayList<>();
		for (TenantGroupConfiguration group : setup.tenantGroups()) {
			groups.add(new TenantGroup(group.definition(), group.tenants(), starts, settings));
		}
		// Boot's server.shutdown, graceful unless immediate
		boolean graceful = !"immediate"
			.equalsIgnoreCase(applicationContext.getEnvironment().getProperty("server.shutdown", "graceful"));
		return new DispatchedApplicationRegistry(mounts, groups, properties.getShutdownTimeout(), starter, line, closer,
				listeners, factory::close, graceful);
	}

	private static StartQueue startQueue(ExecutorService starter, DispatchProperties properties) {
		Integer maxConcurrent = properties.getMaxConcurrentStarts();
		if (maxConcurrent != null && maxConcurrent < 1) {
			throw new InvalidDispatchConfigurationException("dispatch.max-concurrent-starts", maxConcurrent,
					"at least one application must be able to start",
					"Set 'dispatch.max-concurrent-starts' to 1 or more, or remove it to start as many at once as "
							+ "there are processors.");
		}
		if (properties.getMaxWaitingStarts() < 0) {
			throw new InvalidDispatchConfigurationException("dispatch.max-waiting-starts",
					properties.getMaxWaitingStarts(), "it is a number of starts",
					"Set 'dispatch.max-waiting-starts' to 0 or more.");
		}
		return new StartQueue(starter,
				(maxConcurrent != null) ? maxConcurrent : Runtime.getRuntime().availableProcessors(),
				properties.getMaxWaitingStarts());
	}

	private static StartupOptimizations optimizations(Optimizations optimizations) {
		if (!optimizations.isEnabled()) {
			return StartupOptimizations.NONE;
		}
		return new StartupOptimizations(optimizations.isSharedClassMetadata(),
				optimizations.isSharedConversionService(), optimizations.isReleaseStartupState(),
				optimizations.isKeepCommonCaches(), optimizations.isSharedTemplateParsers());
	}

	private static CustomizableThreadFactory daemonThreads(String prefix) {
		CustomizableThreadFactory threadFactory = new CustomizableThreadFactory(prefix);
		threadFactory.setDaemon(true);
		return threadFactory;
	}

	@Bean
	@Role(BeanDefinition.ROLE_INFRASTRUCTURE)
	DispatchedApplications dispatchedApplications(DispatchedApplicationRegistry registry) {
		return new RegisteredApplications(registry);
	}

	@Bean
	@Role(BeanDefinition.ROLE_INFRASTRUCTURE)
	TenantPrestart dispatchTenantPrestart(DispatchedApplicationRegistry registry, DispatchSetup setup) {
		return new TenantPrestart(registry, setup.tenantGroups());
	}

	@Bean
	@Role(BeanDefinition.ROLE_INFRASTRUCTURE)
	DispatchStartupReport dispatchStartupReport(DispatchedApplicationRegistry registry, DispatchSetup setup) {
		return new DispatchStartupReport(registry, setup);
	}

	@Bean(DISPATCH_FILTER_REGISTRATION_BEAN_NAME)
	FilterRegistrationBean<DispatchFilter> dispatchFilterRegistration(DispatchedApplicationRegistry registry,
			DispatchSetup setup, DispatchProperties properties) {
		Map<String, DispatchTarget> mounts = new LinkedHashMap<>();
		registry.getMounts().forEach((mount) -> mounts.put(mount.getDefinition().path(), mount));
		TenantGroupConfiguration subdomain = setup.subdomain();
		TenantGroupConfiguration path = setup.path();
		Router<DispatchTarget> router = new Router<>(mounts, (subdomain != null) ? subdomain.domain() : null,
				subdomain != null && subdomain.unknownNotFound(), (path != null) ? path.prefix() : null);
		FilterRegistrationBean<DispatchFilter> registration = new FilterRegistrationBean<>(new DispatchFilter(router,
				registry.getTenantGroup(ApplicationGroup.SUBDOMAIN), registry.getTenantGroup(ApplicationGroup.PATH)));
		registration.setName(DISPATCH_FILTER_NAME);
		registration.setDispatcherTypes(EnumSet.allOf(DispatcherType.class));
		registration.setOrder(properties.getFilterOrder());
		return registration;
	}

}
