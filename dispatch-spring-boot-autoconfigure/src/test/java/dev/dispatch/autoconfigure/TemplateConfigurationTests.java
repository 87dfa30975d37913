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

import java.lang.reflect.Proxy;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.beans.factory.support.RootBeanDefinition;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.ApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.EnvironmentAware;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.ConfigurationClassPostProcessor;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.ImportAware;
import org.springframework.context.annotation.ImportBeanDefinitionRegistrar;
import org.springframework.context.annotation.Profile;
import org.springframework.context.annotation.PropertySource;
import org.springframework.core.env.Environment;
import org.springframework.core.type.AnnotationMetadata;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;

/**
 * The applications of a template reuse what processing the first one's configuration
 * classes produced when nothing that processing read differs for them, and process their
 * own when something does: a property that a condition reads, one that Boot binds, or
 * which properties they have.
 *
 * @author Dispatch contributors
 */
@SpringBootTest(classes = TemplateConfigurationTests.DefaultApp.class, properties = { "dispatch.path.prefix=/t",
		"dispatch.path.sources=" + TemplateConfigurationTests.TEMPLATE,
		"dispatch.path.properties.management.endpoints.web.exposure.include=conditions",
		// Every tenant below has these names, with their own values
		"dispatch.path.tenants.first.properties.feature.enabled=false",
		"dispatch.path.tenants.first.properties.greeting=hello first",
		"dispatch.path.tenants.first.properties.salute.text=first salutes",
		"dispatch.path.tenants.first.properties.spring.autoconfigure.exclude=" + TemplateConfigurationTests.UNUSED,
		"dispatch.path.tenants.reused.properties.feature.enabled=false",
		"dispatch.path.tenants.reused.properties.greeting=hello reused",
		"dispatch.path.tenants.reused.properties.salute.text=reused salutes",
		"dispatch.path.tenants.reused.properties.spring.autoconfigure.exclude=" + TemplateConfigurationTests.UNUSED,
		"dispatch.path.tenants.alsoreused.properties.feature.enabled=false",
		"dispatch.path.tenants.alsoreused.properties.greeting=hello also reused",
		"dispatch.path.tenants.alsoreused.properties.salute.text=alsoreused salutes",
		"dispatch.path.tenants.alsoreused.properties.spring.autoconfigure.exclude=" + TemplateConfigurationTests.UNUSED,
		"dispatch.path.tenants.enabled.properties.feature.enabled=true",
		"dispatch.path.tenants.enabled.properties.greeting=hello enabled",
		"dispatch.path.tenants.enabled.properties.salute.text=enabled salutes",
		"dispatch.path.tenants.enabled.properties.spring.autoconfigure.exclude=" + TemplateConfigurationTests.UNUSED,
		"dispatch.path.tenants.excluding.properties.feature.enabled=false",
		"dispatch.path.tenants.excluding.properties.greeting=hello excluding",
		"dispatch.path.tenants.excluding.properties.salute.text=excluding salutes",
		"dispatch.path.tenants.excluding.properties.spring.autoconfigure.exclude="
				+ TemplateConfigurationTests.TASK_EXECUTION,
		"dispatch.path.tenants.eu.profiles=eu", "dispatch.path.tenants.eu.properties.feature.enabled=false",
		"dispatch.path.tenants.eu.properties.greeting=hello eu",
		"dispatch.path.tenants.eu.properties.salute.text=eu salutes",
		"dispatch.path.tenants.eu.properties.spring.autoconfigure.exclude=" + TemplateConfigurationTests.UNUSED,
		// Not the same names: the property is missing, not false
		"dispatch.path.tenants.missing.properties.greeting=hello missing",
		"dispatch.path.tenants.missing.properties.salute.text=missing salutes",
		"dispatch.path.tenants.missing.properties.spring.autoconfigure.exclude=" + TemplateConfigurationTests.UNUSED,
		// Templates whose processing cannot be reused
		"dispatch.path.tenants.sourced1.sources=" + TemplateConfigurationTests.PROPERTY_SOURCE_TEMPLATE,
		"dispatch.path.tenants.sourced1.properties.greeting=hello sourced1",
		"dispatch.path.tenants.sourced2.sources=" + TemplateConfigurationTests.PROPERTY_SOURCE_TEMPLATE,
		"dispatch.path.tenants.sourced2.properties.greeting=hello sourced2",
		"dispatch.path.tenants.registered1.sources=" + TemplateConfigurationTests.REGISTRAR_TEMPLATE,
		"dispatch.path.tenants.registered1.properties.greeting=hello registered1",
		"dispatch.path.tenants.registered2.sources=" + TemplateConfigurationTests.REGISTRAR_TEMPLATE,
		"dispatch.path.tenants.registered2.properties.greeting=hello registered2",
		// The same template in a group that does not reuse
		"dispatch.subdomain.domain=example.com", "dispatch.subdomain.sources=" + TemplateConfigurationTests.TEMPLATE,
		"dispatch.subdomain.reuse-configuration=false",
		"dispatch.subdomain.properties.management.endpoints.web.exposure.include=conditions",
		"dispatch.subdomain.tenants.one.properties.feature.enabled=false",
		"dispatch.subdomain.tenants.one.properties.greeting=hello one",
		"dispatch.subdomain.tenants.one.properties.salute.text=one salutes",
		"dispatch.subdomain.tenants.one.properties.spring.autoconfigure.exclude=" + TemplateConfigurationTests.UNUSED })
@AutoConfigureMockMvc
class TemplateConfigurationTests {

	static final String TEMPLATE = "dev.dispatch.autoconfigure.TemplateConfigurationTests$FeatureTemplate";

	static final String PROPERTY_SOURCE_TEMPLATE = "dev.dispatch.autoconfigure.TemplateConfigurationTests$PropertySourceTemplate";

	static final String REGISTRAR_TEMPLATE = "dev.dispatch.autoconfigure.TemplateConfigurationTests$RegistrarTemplate";

	static final String UNUSED = "org.springframework.boot.autoconfigure.info.ProjectInfoAutoConfiguration";

	static final String TASK_EXECUTION = "org.springframework.boot.autoconfigure.task.TaskExecutionAutoConfiguration";

	private static final String IMPORT_REGISTRY = ConfigurationClassPostProcessor.class.getName() + ".importRegistry";

	@Autowired
	private MockMvc mvc;

	@Autowired
	private DispatchedApplications applications;

	@BeforeEach
	void startFirstTenant() throws Exception {
		// The first application of the template records its processing for the others
		this.mvc.perform(get("/t/first/feature")).andExpect(content().string("off, hello first"));
	}

	@Test
	void applicationWhosePropertiesDifferOnlyWhereProcessingDidNotReadReusesTheFirstOnesProcessing() throws Exception {
		this.mvc.perform(get("/t/reused/feature")).andExpect(content().string("off, hello reused"));
		this.mvc.perform(get("/t/alsoreused/feature")).andExpect(content().string("off, hello also reused"));
		// Bound by constructor, for which Boot's registrar makes an instance supplier
		this.mvc.perform(get("/t/reused/salute")).andExpect(content().string("reused salutes"));
		this.mvc.perform(get("/t/alsoreused/salute")).andExpect(content().string("alsoreused salutes"));
		assertThat(importRegistry("reused")).isSameAs(importRegistry("alsoreused"))
			.isNotSameAs(importRegistry("first"));
		assertThat(Proxy.isProxyClass(importRegistry("reused").getClass())).isTrue();
	}

	@Test
	void applicationWithAnotherValueOfAPropertyThatAConditionReadsProcessesItsOwn() throws Exception {
		this.mvc.perform(get("/t/enabled/feature")).andExpect(content().string("on, hello enabled"));
		assertThat(Proxy.isProxyClass(importRegistry("enabled").getClass())).isFalse();
		this.mvc.perform(get("/t/reused/feature")).andExpect(content().string("off, hello reused"));
	}

	@Test
	void applicationWithAnotherValueOfAPropertyThatBootBindsProcessesItsOwn() throws Exception {
		this.mvc.perform(get("/t/excluding/executor")).andExpect(content().string("false"));
		this.mvc.perform(get("/t/reused/executor")).andExpect(content().string("true"));
		assertThat(Proxy.isProxyClass(importRegistry("excluding").getClass())).isFalse();
	}

	@Test
	void applicationWithAnotherProfileProcessesItsOwn() throws Exception {
		this.mvc.perform(get("/t/eu/region")).andExpect(content().string("true"));
		this.mvc.perform(get("/t/reused/region")).andExpect(content().string("false"));
		assertThat(Proxy.isProxyClass(importRegistry("eu").getClass())).isFalse();
	}

	@Test
	void applicationWithoutAPropertyThatTheFirstHasProcessesItsOwn() throws Exception {
		// Off either way, as the property is missing rather than false
		this.mvc.perform(get("/t/missing/feature")).andExpect(content().string("off, hello missing"));
		assertThat(Proxy.isProxyClass(importRegistry("missing").getClass())).isFalse();
	}

	@Test
	void templateWhoseProcessingAddsAPropertySourceIsProcessedByEveryApplication() throws Exception {
		this.mvc.perform(get("/t/sourced1/motto"))
			.andExpect(content().string("from the template property source, hello sourced1"));
		this.mvc.perform(get("/t/sourced2/motto"))
			.andExpect(content().string("from the template property source, hello sourced2"));
		assertThat(Proxy.isProxyClass(importRegistry("sourced2").getClass())).isFalse();
	}

	@Test
	void templateWhoseProcessingPutsAnApplicationsObjectInABeanDefinitionIsProcessedByEveryApplication()
			throws Exception {
		this.mvc.perform(get("/t/registered1/registered")).andExpect(content().string("hello registered1"));
		this.mvc.perform(get("/t/registered2/registered")).andExpect(content().string("hello registered2"));
		assertThat(Proxy.isProxyClass(importRegistry("registered2").getClass())).isFalse();
	}

	@Test
	void tenantOfAGroupThatDoesNotReuseProcessingProcessesItsOwn() throws Exception {
		this.mvc.perform(get("/feature").header("Host", "one.example.com"))
			.andExpect(content().string("off, hello one"));
		assertThat(Proxy.isProxyClass(importRegistry("subdomain:one").getClass())).isFalse();
	}

	@Test
	void applicationThatReusesProcessingEnhancesFullConfigurationClassesAndServesImportAwareBeans() throws Exception {
		this.mvc.perform(get("/t/reused/configuration"))
			.andExpect(content().string("same widget, imported by " + FeatureTemplate.class.getName()));
	}

	@Test
	void applicationThatReusesProcessingReportsTheConditionsThatTheFirstEvaluated() throws Exception {
		String feature = "$.contexts['application:reused'].negativeMatches['TemplateConfigurationTests.FeatureTemplate#feature']";
		this.mvc.perform(get("/t/reused/actuator/conditions"))
			.andExpect(jsonPath(feature + ".notMatched[0].condition").value("OnPropertyCondition"));
		String executor = "$.contexts['application:reused'].positiveMatches['TaskExecutionAutoConfiguration']";
		this.mvc.perform(get("/t/reused/actuator/conditions")).andExpect(jsonPath(executor).isArray());
	}

	private Object importRegistry(String tenant) {
		String id = tenant.contains(":") ? tenant : "path:" + tenant;
		ApplicationContext context = this.applications.getApplicationContext(id);
		Object registry = ((ConfigurableApplicationContext) context).getBeanFactory().getSingleton(IMPORT_REGISTRY);
		assertThat(registry).isNotNull();
		return registry;
	}

	@SpringBootConfiguration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	static class DefaultApp {

	}

	@SpringBootConfiguration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	@EnableConfigurationProperties(SaluteProperties.class)
	@Import({ FeatureController.class, WidgetConfiguration.class })
	static class FeatureTemplate {

		@Bean
		@ConditionalOnProperty("feature.enabled")
		Feature feature() {
			return new Feature();
		}

		@Bean
		@Profile("eu")
		Feature region() {
			return new Feature();
		}

	}

	static class Feature {

	}

	@SpringBootConfiguration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	@PropertySource("classpath:template-configuration.properties")
	@Import(MottoController.class)
	static class PropertySourceTemplate {

	}

	@RestController
	static class MottoController {

		private final Environment environment;

		MottoController(Environment environment) {
			this.environment = environment;
		}

		@GetMapping("/motto")
		String motto() {
			return this.environment.getProperty("motto") + ", " + this.environment.getProperty("greeting");
		}

	}

	@SpringBootConfiguration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	@Import({ GreeterRegistrar.class, RegisteredController.class })
	static class RegistrarTemplate {

	}

	/**
	 * Puts the application's environment itself in a bean definition, as a registrar may.
	 */
	static class GreeterRegistrar implements ImportBeanDefinitionRegistrar, EnvironmentAware {

		private Environment environment;

		@Override
		public void setEnvironment(Environment environment) {
			this.environment = environment;
		}

		@Override
		public void registerBeanDefinitions(AnnotationMetadata metadata, BeanDefinitionRegistry registry) {
			RootBeanDefinition definition = new RootBeanDefinition(RegisteredGreeter.class);
			definition.getConstructorArgumentValues().addGenericArgumentValue(this.environment);
			registry.registerBeanDefinition("registeredGreeter", definition);
		}

	}

	record RegisteredGreeter(Environment environment) {

	}

	@RestController
	static class RegisteredController {

		private final RegisteredGreeter greeter;

		RegisteredController(RegisteredGreeter greeter) {
			this.greeter = greeter;
		}

		@GetMapping("/registered")
		String registered() {
			return this.greeter.environment().getProperty("greeting");
		}

	}

	@ConfigurationProperties("salute")
	record SaluteProperties(String text) {

	}

	@Configuration
	static class WidgetConfiguration implements ImportAware {

		private String importedBy = "nobody";

		@Override
		public void setImportMetadata(AnnotationMetadata importMetadata) {
			this.importedBy = importMetadata.getClassName();
		}

		@Bean
		Widget widget() {
			return new Widget();
		}

		@Bean
		WidgetHolder widgetHolder() {
			// The same bean only if the class was enhanced
			return new WidgetHolder(widget(), this.importedBy);
		}

	}

	static class Widget {

	}

	record WidgetHolder(Widget widget, String importedBy) {

	}

	@RestController
	static class FeatureController {

		private final ObjectProvider<Feature> feature;

		private final SaluteProperties salute;

		private final Environment environment;

		private final ApplicationContext context;

		FeatureController(ObjectProvider<Feature> feature, SaluteProperties salute, Environment environment,
				ApplicationContext context) {
			this.feature = feature;
			this.salute = salute;
			this.environment = environment;
			this.context = context;
		}

		@GetMapping("/feature")
		String feature() {
			return ((this.feature.getIfAvailable() != null) ? "on" : "off") + ", "
					+ this.environment.getProperty("greeting");
		}

		@GetMapping("/salute")
		String salute() {
			return this.salute.text();
		}

		@GetMapping("/region")
		String region() {
			return String.valueOf(this.context.containsBean("region"));
		}

		@GetMapping("/executor")
		String executor() {
			return String.valueOf(this.context.containsBean("applicationTaskExecutor"));
		}

		@GetMapping("/configuration")
		String configuration() {
			WidgetHolder holder = this.context.getBean(WidgetHolder.class);
			return ((holder.widget() == this.context.getBean(Widget.class)) ? "same widget" : "another widget")
					+ ", imported by " + holder.importedBy();
		}

	}

}
