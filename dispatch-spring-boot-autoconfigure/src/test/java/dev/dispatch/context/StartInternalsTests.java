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

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import org.junit.jupiter.api.Test;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.util.ClassUtils;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Fails, naming it, when an upgrade of Spring changes one of the names that
 * {@link StartInternals} and {@link InheritedBeans} rely on. Spring Security's are
 * checked by {@code StartInternalsSecuredTests}, whose class path has it.
 *
 * @author Dispatch contributors
 */
class StartInternalsTests {

	private final ClassLoader classLoader = getClass().getClassLoader();

	@Test
	void clearCachesListenerIsAnApplicationListenerOfBoots() throws ClassNotFoundException {
		assertThat(ApplicationListener.class)
			.isAssignableFrom(ClassUtils.forName(StartInternals.CLEAR_CACHES_LISTENER, this.classLoader));
	}

	@Test
	void sharedMetadataReaderFactoryIsRegisteredUnderItsNameInAPlainApplication() {
		SpringApplication application = new SpringApplication(PlainApplication.class);
		application.setWebApplicationType(WebApplicationType.NONE);
		try (ConfigurableApplicationContext context = application.run()) {
			assertThat(context.containsBean(StartInternals.SHARED_METADATA_READER_FACTORY_BEAN))
				.as(StartInternals.SHARED_METADATA_READER_FACTORY_BEAN)
				.isTrue();
		}
	}

	@Test
	void conditionEvaluationReportLoggerAndConditionsEndpointAreBoots() {
		assertThat(ClassUtils.isPresent(StartInternals.CONDITION_EVALUATION_REPORT_LOGGER, this.classLoader))
			.as(StartInternals.CONDITION_EVALUATION_REPORT_LOGGER)
			.isTrue();
		assertThat(ClassUtils.isPresent(StartInternals.CONDITIONS_ENDPOINT, this.classLoader))
			.as(StartInternals.CONDITIONS_ENDPOINT)
			.isTrue();
	}

	@Test
	void useGlobalRegistryIsAPropertyOfBoots() throws IOException {
		assertThat(configurationMetadata()).anySatisfy((metadata) -> assertThat(metadata)
			.contains("\"name\": \"" + StartInternals.USE_GLOBAL_REGISTRY_PROPERTY + "\""));
	}

	@Test
	void typesThatInheritingApplicationsLeaveOutExist() {
		List<String> names = new ArrayList<>(InheritedBeans.EXCLUDED_TYPES);
		names.addAll(InheritedBeans.ENDPOINT_ANNOTATIONS);
		// Spring Security's are checked where it is on the class path
		names.removeIf((name) -> name.startsWith("org.springframework.security."));
		assertThat(names)
			.allSatisfy((name) -> assertThat(ClassUtils.isPresent(name, this.classLoader)).as(name).isTrue());
	}

	private List<String> configurationMetadata() throws IOException {
		List<String> metadata = new ArrayList<>();
		for (URL url : Collections.list(this.classLoader.getResources("META-INF/spring-configuration-metadata.json"))) {
			try (InputStream input = url.openStream()) {
				metadata.add(new String(input.readAllBytes(), StandardCharsets.UTF_8));
			}
		}
		return metadata;
	}

	@SpringBootConfiguration(proxyBeanMethods = false)
	static class PlainApplication {

	}

}
