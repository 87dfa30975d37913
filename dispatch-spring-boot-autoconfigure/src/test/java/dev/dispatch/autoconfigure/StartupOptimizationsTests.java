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

import dev.dispatch.context.CopyOnWriteConversionService;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.context.WebApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@code dispatch.optimizations.*}: each optimization is on by default, and
 * off, applications start with plain Spring behaviour.
 *
 * @author Dispatch contributors
 */
class StartupOptimizationsTests {

	// The name under which Boot registers the metadata reader factory of configuration
	// class processing, which dispatched applications share
	private static final String METADATA_READER_FACTORY = "org.springframework.boot.autoconfigure."
			+ "internalCachingMetadataReaderFactory";

	private final WebApplicationContextRunner contextRunner = new WebApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(DispatchAutoConfiguration.class))
		.withPropertyValues("dispatch.mounts.a.path=/a", "dispatch.mounts.a.eager=true",
				"dispatch.mounts.a.sources=" + App.class.getName(), "dispatch.mounts.b.path=/b",
				"dispatch.mounts.b.eager=true", "dispatch.mounts.b.sources=" + App.class.getName());

	@Test
	void applicationsShareClassMetadataAndConvertersByDefault() {
		this.contextRunner.run((context) -> {
			WebApplicationContext a = application(context, "a");
			WebApplicationContext b = application(context, "b");
			assertThat(a.getBean(METADATA_READER_FACTORY)).isSameAs(b.getBean(METADATA_READER_FACTORY));
			assertThat(a.getEnvironment()).extracting("conversionService")
				.isInstanceOf(CopyOnWriteConversionService.class);
		});
	}

	@Test
	void applicationsStartWithPlainSpringBehaviourWithoutOptimizations() {
		this.contextRunner.withPropertyValues("dispatch.optimizations.enabled=false").run((context) -> {
			WebApplicationContext a = application(context, "a");
			WebApplicationContext b = application(context, "b");
			assertThat(a.getBean(METADATA_READER_FACTORY)).isNotSameAs(b.getBean(METADATA_READER_FACTORY));
			assertThat(a.getEnvironment()).extracting("conversionService")
				.isNotInstanceOf(CopyOnWriteConversionService.class);
		});
	}

	@Test
	void eachOptimizationCanBeTurnedOffAlone() {
		this.contextRunner.withPropertyValues("dispatch.optimizations.shared-class-metadata=false").run((context) -> {
			WebApplicationContext a = application(context, "a");
			WebApplicationContext b = application(context, "b");
			assertThat(a.getBean(METADATA_READER_FACTORY)).isNotSameAs(b.getBean(METADATA_READER_FACTORY));
			assertThat(a.getEnvironment()).extracting("conversionService")
				.isInstanceOf(CopyOnWriteConversionService.class);
		});
	}

	private static WebApplicationContext application(WebApplicationContext context, String name) {
		WebApplicationContext application = context.getBean(DispatchedApplications.class)
			.getApplication(name)
			.context();
		assertThat(application).as(name).isNotNull();
		return application;
	}

	@Configuration(proxyBeanMethods = false)
	static class App {

	}

}
