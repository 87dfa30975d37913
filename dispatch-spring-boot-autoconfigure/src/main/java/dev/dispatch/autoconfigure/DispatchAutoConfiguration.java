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

import jakarta.servlet.DispatcherType;
import org.jspecify.annotations.Nullable;

import dev.dispatch.application.DispatchedApplication.Admission;
import dev.dispatch.application.DispatchedApplication.StartSettings;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication.Type;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.scheduling.concurrent.CustomizableThreadFactory;
import org.springframework.util.Assert;
import org.springframework.web.context.ConfigurableWebApplicationContext;
import org.springframework.web.servlet.DispatcherServlet;
import dev.dispatch.application.ApplicationDefinition;
import dev.dispatch.application.DispatchListeners;
import dev.dispatch.application.DispatchedApplication;
import dev.dispatch.application.DispatchedApplicationRegistry;
import dev.dispatch.application.InstanceCloser;
import dev.dispatch.application.TenantGroup;
import dev.dispatch.application.TenantGroupDefinition;
import dev.dispatch.context.ApplicationInstanceFactory;
import dev.dispatch.web.DispatchFilter;
import dev.dispatch.web.MountMatcher;

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

	@Bean
	DispatchedApplicationRegistry dispatchChildApplications(ApplicationContext applicationContext,
			DispatchProperties properties) {
		Assert.isInstanceOf(ConfigurableWebApplicationContext.class, applicationContext);
		ConfigurableWebApplicationContext parent = (ConfigurableWebApplicationContext) applicationContext;
		ClassLoader classLoader = parent.getClassLoader();
		ApplicationInstanceFactory factory = new ApplicationInstanceFactory(parent);
		ExecutorService starter = Executors.newCachedThreadPool(daemonThreads("dispatch-start-"));
		InstanceCloser closer = new InstanceCloser(
				Executors.newSingleThreadExecutor(daemonThreads("dispatch-close-")));
		DispatchListeners listeners = new DispatchListeners();
		StartSettings settings = new StartSettings(starter, properties.getStartTimeout(), properties.getStartBackoff(),
				closer, Admission.ANY, listeners);
		Map<String, ApplicationDefinition> mountDefinitions = DispatchDefinitions.mounts(properties, classLoader);
		List<DispatchedApplication> mounts = new ArrayList<>();
		mountDefinitions.values().forEach((definition) -> mounts.add(new DispatchedApplication(definition, factory, settings)));
		List<TenantGroup> groups = new ArrayList<>();
		TenantDirectory subdomainDirectory = tenantDirectory(parent, SUBDOMAIN_TENANT_DIRECTORY_BEAN_NAME);
		TenantGroupDefinition subdomain = DispatchDefinitions.subdomain(properties, subdomainDirectory != null,
				classLoader);
		if (subdomain != null) {
			groups.add(new TenantGroup(subdomain, directory(subdomainDirectory, subdomain), factory, settings,
					subdomainDirectory != null));
		}
		TenantDirectory pathDirectory = tenantDirectory(parent, PATH_TENANT_DIRECTORY_BEAN_NAME);
		TenantGroupDefinition path = DispatchDefinitions.path(properties, pathDirectory != null,
				parent.containsBean(PATH_TENANT_DIRECTORY_BEAN_NAME), mountDefinitions.values(), classLoader);
		if (path != null) {
			groups.add(new TenantGroup(path, directory(pathDirectory, path), factory, settings, pathDirectory != null));
		}
		return new DispatchedApplicationRegistry(mounts, groups, factory, properties.getShutdownTimeout(), starter, closer,
				listeners);
	}

	private static CustomizableThreadFactory daemonThreads(String prefix) {
		CustomizableThreadFactory threadFactory = new CustomizableThreadFactory(prefix);
		threadFactory.setDaemon(true);
		return threadFactory;
	}

	/**
	 * Return the directory of a group: the bean named for it, else the only
	 * {@link TenantDirectory} bean that is named for no group.
	 */
	private static @Nullable TenantDirectory tenantDirectory(ApplicationContext context, String beanName) {
		if (context.containsBean(beanName)) {
			return context.getBean(beanName, TenantDirectory.class);
		}
		List<String> shared = new ArrayList<>(List.of(context.getBeanNamesForType(TenantDirectory.class)));
		shared.remove(SUBDOMAIN_TENANT_DIRECTORY_BEAN_NAME);
		shared.remove(PATH_TENANT_DIRECTORY_BEAN_NAME);
		Assert.state(shared.size() <= 1, () -> "Found TenantDirectory beans " + shared + ": name the one for the "
				+ "subdomain tenants '" + SUBDOMAIN_TENANT_DIRECTORY_BEAN_NAME + "' and the one for the path tenants '"
				+ PATH_TENANT_DIRECTORY_BEAN_NAME + "'");
		return shared.isEmpty() ? null : context.getBean(shared.get(0), TenantDirectory.class);
	}

	private static TenantDirectory directory(@Nullable TenantDirectory directory, TenantGroupDefinition group) {
		return (directory != null) ? directory : group.tenants()::get;
	}

	@Bean
	DispatchStartupReport dispatchStartupReport(DispatchedApplicationRegistry applications) {
		return new DispatchStartupReport(applications);
	}

	@Bean(DISPATCH_FILTER_REGISTRATION_BEAN_NAME)
	FilterRegistrationBean<DispatchFilter> dispatchFilterRegistration(DispatchedApplicationRegistry applications,
			DispatchProperties properties) {
		Map<String, DispatchedApplication> mounts = new LinkedHashMap<>();
		applications.getMounts().forEach((mount) -> mounts.put(mount.getDefinition().path(), mount));
		TenantGroup subdomain = applications.getTenantGroup(TenantGroupDefinition.SUBDOMAIN);
		TenantGroup path = applications.getTenantGroup(TenantGroupDefinition.PATH);
		FilterRegistrationBean<DispatchFilter> registration = new FilterRegistrationBean<>(
				new DispatchFilter(new MountMatcher<>(mounts), subdomain, path));
		registration.setName(DISPATCH_FILTER_NAME);
		registration.setDispatcherTypes(EnumSet.allOf(DispatcherType.class));
		registration.setOrder(properties.getFilterOrder());
		return registration;
	}

}
