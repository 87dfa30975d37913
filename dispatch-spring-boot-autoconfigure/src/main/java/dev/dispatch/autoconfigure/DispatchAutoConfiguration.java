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

import jakarta.servlet.DispatcherType;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication.Type;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.util.Assert;
import org.springframework.web.context.ConfigurableWebApplicationContext;
import org.springframework.web.servlet.DispatcherServlet;

/**
 * {@link org.springframework.boot.autoconfigure.EnableAutoConfiguration
 * Auto-configuration} for application dispatching: serves the applications configured
 * under {@code dispatch.mounts.*} from the default application's server, each in an
 * application context of its own.
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

	@Bean
	ChildApplications dispatchChildApplications(ApplicationContext applicationContext,
			DispatchProperties properties) {
		Assert.isInstanceOf(ConfigurableWebApplicationContext.class, applicationContext);
		ConfigurableWebApplicationContext parent = (ConfigurableWebApplicationContext) applicationContext;
		Map<String, ChildDefinition> mounts = MountDefinitions.of(properties, parent.getClassLoader());
		ChildApplicationFactory factory = new ChildApplicationFactory(parent);
		List<ChildApplication> applications = new ArrayList<>();
		mounts.values()
			.forEach((definition) -> applications
				.add(new ChildApplication(definition, factory, properties.getStartBackoff())));
		return new ChildApplications(applications, factory, properties.getShutdownTimeout());
	}

	@Bean(DISPATCH_FILTER_REGISTRATION_BEAN_NAME)
	FilterRegistrationBean<DispatchFilter> dispatchFilterRegistration(ChildApplications applications,
			DispatchProperties properties) {
		Map<String, ChildApplication> byPath = new LinkedHashMap<>();
		applications.getApplications()
			.forEach((application) -> byPath.put(application.getDefinition().path(), application));
		FilterRegistrationBean<DispatchFilter> registration = new FilterRegistrationBean<>(
				new DispatchFilter(new MountMatcher<>(byPath)));
		registration.setName(DISPATCH_FILTER_NAME);
		registration.setDispatcherTypes(EnumSet.allOf(DispatcherType.class));
		registration.setOrder(properties.getFilterOrder());
		return registration;
	}

}
