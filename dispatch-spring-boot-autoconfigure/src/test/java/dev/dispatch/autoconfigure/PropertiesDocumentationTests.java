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
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.jayway.jsonpath.JsonPath;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Keeps {@code docs/properties.md} in step with the properties: it is generated from the
 * configuration metadata, and, for the entries of {@code dispatch.mounts} and of the
 * tenant groups' {@code tenants}, which the metadata cannot describe, from the field
 * comments of {@link DispatchProperties}. The test fails when the file is stale;
 * {@code -Ddispatch.properties.write=true} writes it.
 *
 * @author Dispatch contributors
 */
class PropertiesDocumentationTests {

	private static final Path METADATA = Path.of("target/classes/META-INF/spring-configuration-metadata.json");

	private static final Path SOURCE = Path.of("src/main/java/dev/dispatch/autoconfigure/DispatchProperties.java");

	private static final Path DOCUMENT = Path.of("../docs/properties.md");

	private static final Pattern FIELD = Pattern.compile(
			"/\\*\\*((?:(?!\\*/).)*)\\*/\\s*private (?:@Nullable )?([\\w<>, ]+?) (\\w+)(?: = ([^;]+))?;",
			Pattern.DOTALL);

	@Test
	void propertiesDocumentationIsUpToDate() throws IOException {
		String generated = generate();
		if (Boolean.getBoolean("dispatch.properties.write")) {
			Files.writeString(DOCUMENT, generated, StandardCharsets.UTF_8);
		}
		assertThat(Files.exists(DOCUMENT) ? Files.readString(DOCUMENT, StandardCharsets.UTF_8) : "")
			.as("docs/properties.md is stale; regenerate it with: mvn -pl dispatch-spring-boot-autoconfigure "
					+ "test-compile surefire:test -Dtest=PropertiesDocumentationTests -Ddispatch.properties.write=true")
			.isEqualTo(generated);
	}

	private String generate() throws IOException {
		List<Map<String, Object>> properties = JsonPath.read(Files.readString(METADATA), "$.properties[*]");
		String source = Files.readString(SOURCE);
		Map<String, List<String[]>> sections = new LinkedHashMap<>();
		sections.put("General", new ArrayList<>());
		sections.put("Mounts: `dispatch.mounts.<name>.*`", rows("dispatch.mounts.<name>.", nested(source, "Mount")));
		sections.put("Subdomain tenants: `dispatch.subdomain.*`", new ArrayList<>());
		sections.put("Path tenants: `dispatch.path.*`", new ArrayList<>());
		sections.put("Known tenants: `dispatch.{subdomain,path}.tenants.<key>.*`",
				rows("dispatch.{subdomain,path}.tenants.<key>.", nested(source, "Tenant")));
		sections.put("Start-up optimizations: `dispatch.optimizations.*`", new ArrayList<>());
		sections.put("Actuator", new ArrayList<>());
		for (Map<String, Object> property : properties) {
			String name = (String) property.get("name");
			String[] row = { name, defaultValue(property.get("defaultValue")), (String) property.get("description") };
			sections.get(section(name)).add(row);
		}
		StringBuilder document = new StringBuilder();
		document.append("# Configuration properties\n\n");
		document.append("Every property of the starter. This file is generated from the configuration metadata by\n");
		document.append(
				"`PropertiesDocumentationTests`, which fails when it is stale; see [CONTRIBUTING](../CONTRIBUTING.md).\n");
		sections.forEach((title, rows) -> {
			document.append("\n## ").append(title).append("\n\n");
			document.append("| Property | Default | Description |\n|---|---|---|\n");
			for (String[] row : rows) {
				document.append("| `")
					.append(row[0])
					.append("` | ")
					.append(row[1])
					.append(" | ")
					.append(row[2].replace("|", "\\|"))
					.append(" |\n");
			}
		});
		return document.toString();
	}

	private static String section(String name) {
		if (name.startsWith("management.")) {
			return "Actuator";
		}
		if (name.startsWith("dispatch.optimizations.")) {
			return "Start-up optimizations: `dispatch.optimizations.*`";
		}
		if (name.startsWith("dispatch.subdomain.")) {
			return "Subdomain tenants: `dispatch.subdomain.*`";
		}
		if (name.startsWith("dispatch.path.")) {
			return "Path tenants: `dispatch.path.*`";
		}
		return "General";
	}

	private static String defaultValue(Object value) {
		if (value == null) {
			return "";
		}
		if ("".equals(value)) {
			return "`\"\"`";
		}
		return "`" + ((value instanceof List<?> list) ? String.join(",", list.stream().map(String::valueOf).toList())
				: value) + "`";
	}

	private static List<String[]> rows(String prefix, List<String[]> fields) {
		return fields.stream().map((field) -> new String[] { prefix + field[0], field[1], field[2] }).toList();
	}

	/**
	 * Return the fields of a nested class of the properties: kebab-case name, default and
	 * the description that its comment gives.
	 */
	private static List<String[]> nested(String source, String className) {
		int start = source.indexOf("public static class " + className + " {");
		assertThat(start).as("class %s in %s", className, SOURCE).isNotNegative();
		int end = source.indexOf("\n\t}\n", start);
		Matcher matcher = FIELD.matcher(source.substring(start, end));
		List<String[]> fields = new ArrayList<>();
		while (matcher.find()) {
			String description = matcher.group(1).replaceAll("\\s*\\n\\s*\\*\\s?", " ").strip();
			fields.add(new String[] { kebabCase(matcher.group(3)), nestedDefault(matcher.group(2), matcher.group(4)),
					description });
		}
		assertThat(fields).as("fields of %s", className).isNotEmpty();
		return fields;
	}

	private static String nestedDefault(String type, String initializer) {
		if (initializer == null && type.equals("boolean")) {
			return "`false`";
		}
		if (initializer == null || initializer.startsWith("new ")) {
			return "";
		}
		return "`" + (initializer.contains(".")
				? kebabCase(initializer.substring(initializer.lastIndexOf('.') + 1).toLowerCase().replace('_', '-'))
				: initializer) + "`";
	}

	private static String kebabCase(String name) {
		return name.replaceAll("([a-z])([A-Z])", "$1-$2").toLowerCase();
	}

}
