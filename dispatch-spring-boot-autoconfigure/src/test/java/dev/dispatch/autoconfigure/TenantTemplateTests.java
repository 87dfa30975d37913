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

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.dispatch.context.CopyOnWriteConversionService;
import dev.dispatch.context.SharedMetadataReaderFactory;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.jackson.JacksonMixin;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.web.server.servlet.ServletWebServerFactory;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.core.convert.ConversionService;
import org.springframework.core.convert.converter.ConverterRegistry;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.Environment;
import org.springframework.core.io.DefaultResourceLoader;
import org.springframework.core.type.classreading.MetadataReader;
import org.springframework.core.type.classreading.MetadataReaderFactory;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.util.unit.DataSize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.context.WebApplicationContext;
import org.springframework.web.servlet.DispatcherServlet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;

/**
 * Tenants of one Boot-auto-configured template: what they share to start faster stays
 * correct when their properties differ, and what cannot apply to them is left out.
 *
 * @author Dispatch contributors
 */
@SpringBootTest(classes = TenantTemplateTests.DefaultApp.class,
		properties = { "dispatch.path.prefix=/t", "dispatch.path.sources=" + TenantTemplateTests.TEMPLATE,
				"dispatch.path.tenants.on1.properties.feature.enabled=true", "dispatch.path.tenants.off.properties.x=y",
				"dispatch.path.tenants.on2.properties.feature.enabled=true",
				"dispatch.path.tenants.on2.properties.upload.limit=2MB",
				"dispatch.path.tenants.on2.properties.feature.converter=true",
				"dispatch.path.tenants.plain.properties.spring.main.add-conversion-service=false" })
@AutoConfigureMockMvc
class TenantTemplateTests {

	static final String TEMPLATE = "dev.dispatch.autoconfigure.TenantTemplateTests$FeatureTemplate";

	private static final String METADATA_READER_FACTORY = "org.springframework.boot.autoconfigure.internalCachingMetadataReaderFactory";

	@Autowired
	private MockMvc mvc;

	@Autowired
	private DispatchedApplications applications;

	@Test
	void propertyDependentBeanFollowsEachTenantsProperties() throws Exception {
		this.mvc.perform(get("/t/on1/feature")).andExpect(content().string("on1: on"));
		this.mvc.perform(get("/t/off/feature")).andExpect(content().string("off: off"));
		this.mvc.perform(get("/t/on2/feature")).andExpect(content().string("on2: on"));
		this.mvc.perform(get("/t/off/feature")).andExpect(content().string("off: off"));
	}

	@Test
	void tenantsShareTheClassMetadataTheyRead() {
		WebApplicationContext on1 = this.applications.getApplicationContext("path:on1");
		WebApplicationContext off = this.applications.getApplicationContext("path:off");
		assertThat(on1.getBean(METADATA_READER_FACTORY, MetadataReaderFactory.class))
			.isInstanceOf(SharedMetadataReaderFactory.class)
			.isSameAs(off.getBean(METADATA_READER_FACTORY, MetadataReaderFactory.class));
		assertThat(((DefaultResourceLoader) on1).getResourceCache(MetadataReader.class))
			.isSameAs(((DefaultResourceLoader) off).getResourceCache(MetadataReader.class));
	}

	@Test
	void tenantsThatShareScannedClassMetadataEachApplyTheScannedMixins() throws Exception {
		this.mvc.perform(get("/t/on1/greeting")).andExpect(content().json("{\"message\":\"on1\"}", true));
		this.mvc.perform(get("/t/off/greeting")).andExpect(content().json("{\"message\":\"off\"}", true));
	}

	@Test
	void tenantsHaveTheirOwnDispatcherServletButNoWebServerFactory() {
		WebApplicationContext on1 = this.applications.getApplicationContext("path:on1");
		assertThat(on1.getBeanNamesForType(DispatcherServlet.class)).containsExactly("dispatcherServlet");
		assertThat(on1.getBeanNamesForType(ServletWebServerFactory.class)).isEmpty();
	}

	@Test
	void tenantsConvertWithBootsConvertersAndKeepTheirOwnToThemselves() throws Exception {
		this.mvc.perform(get("/t/on1/limit")).andExpect(content().string("1048576"));
		this.mvc.perform(get("/t/on2/limit")).andExpect(content().string("2097152"));
		this.mvc.perform(get("/t/on2/converts")).andExpect(content().string("true"));
		this.mvc.perform(get("/t/on1/converts")).andExpect(content().string("false"));
		this.mvc.perform(get("/converts")).andExpect(content().string("false"));
	}

	@Test
	void tenantsThatRegisterNoConverterKeepNoCopyOfBoots() throws Exception {
		this.mvc.perform(get("/t/on2/converts")).andExpect(content().string("true"));
		ConfigurableApplicationContext on1 = (ConfigurableApplicationContext) this.applications
			.getApplicationContext("path:on1");
		ConfigurableApplicationContext on2 = (ConfigurableApplicationContext) this.applications
			.getApplicationContext("path:on2");
		assertThat(on1.getEnvironment().getConversionService()).isSameAs(on1.getBeanFactory().getConversionService())
			.isInstanceOfSatisfying(CopyOnWriteConversionService.class,
					(conversionService) -> assertThat(conversionService.isCopied()).isFalse());
		assertThat(on2.getEnvironment().getConversionService()).isSameAs(on2.getBeanFactory().getConversionService())
			.isInstanceOfSatisfying(CopyOnWriteConversionService.class,
					(conversionService) -> assertThat(conversionService.isCopied()).isTrue());
	}

	@Test
	void tenantThatTurnsTheConversionServiceOffConvertsBeanValuesAsBootWouldWithoutIt() {
		// Property editors know no DataSize: the template's @Value fails to convert
		assertThatIllegalStateException().isThrownBy(() -> this.applications.getApplicationContext("path:plain"))
			.withStackTraceContaining("Cannot convert value of type 'java.lang.String' to required type "
					+ "'org.springframework.util.unit.DataSize': no matching editors or conversion strategy found");
	}

	@SpringBootConfiguration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	@Import(ConvertsController.class)
	static class DefaultApp {

	}

	@SpringBootConfiguration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	@Import({ FeatureController.class, ConvertsController.class })
	static class FeatureTemplate {

		@Bean
		@ConditionalOnBooleanProperty("feature.enabled")
		Feature feature() {
			return new Feature();
		}

		// Registers a converter as Spring Security's RsaKeyConversionServicePostProcessor
		// does
		@Bean
		@ConditionalOnBooleanProperty("feature.converter")
		static BeanFactoryPostProcessor featureConverterRegistrar() {
			return (beanFactory) -> ((ConverterRegistry) beanFactory.getConversionService()).addConverter(String.class,
					Feature.class, (source) -> new Feature());
		}

	}

	static class Feature {

	}

	@RestController
	static class ConvertsController {

		private final ConversionService conversionService;

		ConvertsController(ConfigurableEnvironment environment) {
			this.conversionService = environment.getConversionService();
		}

		@GetMapping("/converts")
		String converts() {
			return String.valueOf(this.conversionService.canConvert(String.class, Feature.class));
		}

	}

	@RestController
	static class FeatureController {

		private final String tenant;

		private final ObjectProvider<Feature> feature;

		private final DataSize uploadLimit;

		FeatureController(Environment environment, ObjectProvider<Feature> feature,
				@Value("${upload.limit:1MB}") DataSize uploadLimit) {
			this.tenant = environment.getProperty("dispatch.tenant");
			this.feature = feature;
			this.uploadLimit = uploadLimit;
		}

		@GetMapping("/limit")
		String limit() {
			return String.valueOf(this.uploadLimit.toBytes());
		}

		@GetMapping("/feature")
		String feature() {
			return this.tenant + ": " + ((this.feature.getIfAvailable() != null) ? "on" : "off");
		}

		@GetMapping("/greeting")
		Greeting greeting() {
			return new Greeting(this.tenant);
		}

	}

	record Greeting(String text) {

	}

	// Found by Boot's @JacksonMixin scan of the template's package
	@JacksonMixin(Greeting.class)
	abstract static class GreetingMixin {

		@JsonProperty("message")
		abstract String text();

	}

}
