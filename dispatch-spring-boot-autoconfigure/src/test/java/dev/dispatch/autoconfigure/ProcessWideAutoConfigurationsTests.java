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

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

import org.springframework.util.ClassUtils;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Fails, naming it, when an upgrade of Spring Boot renames or moves an auto-configuration
 * that dispatched applications leave out, which they would then run again. Each is
 * checked where its module is on the class path: Tomcat's in the default execution,
 * Jetty's in the Jetty one.
 *
 * @author Dispatch contributors
 */
class ProcessWideAutoConfigurationsTests {

	private final ClassLoader classLoader = getClass().getClassLoader();

	@Test
	void everyProcessWideAutoConfigurationOfTheModulesOnTheClassPathIsAnAutoConfigurationOfBoots() throws IOException {
		Set<String> imports = autoConfigurationImports();
		List<String> expected = DispatchedApplicationAutoConfigurationFilter.PROCESS_WIDE.stream()
			.filter((name) -> !name.contains(".tomcat.")
					|| isPresent("org.springframework.boot.tomcat.TomcatWebServer"))
			.filter((name) -> !name.contains(".jetty.") || isPresent("org.springframework.boot.jetty.JettyWebServer"))
			.toList();
		assertThat(expected).hasSizeGreaterThan(DispatchedApplicationAutoConfigurationFilter.PROCESS_WIDE.size() / 2)
			.allSatisfy((name) -> assertThat(imports).as(name).contains(name));
	}

	private boolean isPresent(String name) {
		return ClassUtils.isPresent(name, this.classLoader);
	}

	private Set<String> autoConfigurationImports() throws IOException {
		Set<String> imports = new HashSet<>();
		for (URL url : Collections.list(this.classLoader
			.getResources("META-INF/spring/org.springframework.boot.autoconfigure.AutoConfiguration.imports"))) {
			try (InputStream input = url.openStream()) {
				new String(input.readAllBytes(), StandardCharsets.UTF_8).lines()
					.map(String::strip)
					.filter((line) -> !line.isEmpty() && !line.startsWith("#"))
					.forEach(imports::add);
			}
		}
		return imports;
	}

}
