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
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import com.jayway.jsonpath.JsonPath;
import org.junit.jupiter.api.Test;

import org.springframework.core.io.ClassPathResource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for the configuration metadata that IDEs complete {@code application.yml} with.
 *
 * @author Dispatch contributors
 */
class ConfigurationMetadataTests {

	@Test
	void everyPropertyHasADescription() throws IOException {
		List<Map<String, Object>> properties = JsonPath.read(metadata(), "$.properties[*]");
		assertThat(properties).extracting((property) -> property.get("name"))
			.contains("dispatch.enabled", "dispatch.filter-order", "dispatch.start-backoff", "dispatch.start-timeout",
					"dispatch.shutdown-timeout", "dispatch.mounts", "dispatch.subdomain.domain",
					"dispatch.subdomain.unknown", "dispatch.subdomain.sources", "dispatch.subdomain.tenants",
					"dispatch.subdomain.max-instances", "dispatch.subdomain.idle-timeout",
					"dispatch.subdomain.inherit-parent", "dispatch.path.prefix", "dispatch.path.sources",
					"dispatch.path.tenants", "dispatch.path.max-instances", "dispatch.metrics.tenant-tags");
		assertThat(properties).allSatisfy(
				(property) -> assertThat(property.get("description")).as("%s", property).asString().isNotBlank());
	}

	@Test
	void propertiesWithADefaultDeclareIt() throws IOException {
		String metadata = metadata();
		assertThat(JsonPath.<List<Object>>read(metadata, "$.properties[?(@.name == 'dispatch.enabled')].defaultValue"))
			.containsExactly(true);
		assertThat(JsonPath.<List<Object>>read(metadata,
				"$.properties[?(@.name == 'dispatch.start-backoff')].defaultValue"))
			.containsExactly("5s");
	}

	@Test
	void unknownTenantPolicyHasValueHints() throws IOException {
		List<String> values = JsonPath.read(metadata(),
				"$.hints[?(@.name == 'dispatch.subdomain.unknown')].values[*].value");
		assertThat(values).containsExactly("not-found", "default-app");
		List<String> descriptions = JsonPath.read(metadata(),
				"$.hints[?(@.name == 'dispatch.subdomain.unknown')].values[*].description");
		assertThat(descriptions).allSatisfy((description) -> assertThat(description).isNotBlank());
	}

	@Test
	void tenantLimitsDeclareTheirDefaults() throws IOException {
		assertThat(JsonPath.<List<Object>>read(metadata(),
				"$.properties[?(@.name == 'dispatch.subdomain.max-instances')].defaultValue"))
			.containsExactly(100);
		assertThat(JsonPath.<List<Object>>read(metadata(),
				"$.properties[?(@.name == 'dispatch.subdomain.unknown')].defaultValue"))
			.containsExactly("not-found");
	}

	private static String metadata() throws IOException {
		try (InputStream in = new ClassPathResource("META-INF/spring-configuration-metadata.json").getInputStream()) {
			return new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
	}

}
