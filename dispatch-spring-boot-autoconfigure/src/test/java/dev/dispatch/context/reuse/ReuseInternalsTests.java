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

import java.lang.reflect.Method;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.bind.BindMethod;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.support.GenericApplicationContext;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.util.ClassUtils;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Fails, naming it, when an upgrade of Spring changes one of the names that
 * {@link ReuseInternals} relies on, each checked the way the reuse uses it.
 *
 * @author Dispatch contributors
 */
class ReuseInternalsTests {

	@Test
	void importRegistryIsRegisteredUnderItsNameWithItsLookUpMethod() throws Exception {
		try (ConfigurableApplicationContext context = run()) {
			Object registry = ((GenericApplicationContext) context).getBeanFactory()
				.getSingleton(ReuseInternals.IMPORT_REGISTRY_BEAN_NAME);
			assertThat(registry).as(ReuseInternals.IMPORT_REGISTRY_BEAN_NAME).isNotNull();
			Class<?> type = ClassUtils.forName(ReuseInternals.IMPORT_REGISTRY_CLASS, getClass().getClassLoader());
			assertThat(registry).isInstanceOf(type);
			Method method = type.getDeclaredMethod(ReuseInternals.GET_IMPORTING_CLASS_FOR, String.class);
			assertThat(method.getReturnType()).isNotEqualTo(void.class);
		}
	}

	@Test
	void conditionEvaluationReportIsASingletonUnderItsName() {
		try (ConfigurableApplicationContext context = run()) {
			assertThat(((GenericApplicationContext) context).getBeanFactory()
				.containsSingleton(ReuseInternals.REPORT_BEAN_NAME)).as(ReuseInternals.REPORT_BEAN_NAME).isTrue();
		}
	}

	@Test
	void attachedPropertySourceIsNamedAsTheReuseExpects() {
		StandardEnvironment environment = new StandardEnvironment();
		ConfigurationPropertySources.attach(environment);
		assertThat(environment.getPropertySources().contains(ReuseInternals.ATTACHED_PROPERTY_SOURCE_NAME)).isTrue();
	}

	@Test
	void bindMethodOfAConfigurationPropertiesBeanIsKeptUnderItsAttribute() {
		try (ConfigurableApplicationContext context = run()) {
			String name = context.getBeanNamesForType(ValueObjectProperties.class)[0];
			BeanDefinition definition = ((GenericApplicationContext) context).getBeanDefinition(name);
			assertThat(definition.getAttribute(ReuseInternals.BIND_METHOD_ATTRIBUTE))
				.isEqualTo(BindMethod.VALUE_OBJECT);
		}
	}

	private ConfigurableApplicationContext run() {
		SpringApplication application = new SpringApplication(PlainApplication.class);
		application.setWebApplicationType(WebApplicationType.NONE);
		return application.run();
	}

	@SpringBootConfiguration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	@EnableConfigurationProperties(ValueObjectProperties.class)
	static class PlainApplication {

	}

	@ConfigurationProperties("probe")
	record ValueObjectProperties(String name) {

	}

}
