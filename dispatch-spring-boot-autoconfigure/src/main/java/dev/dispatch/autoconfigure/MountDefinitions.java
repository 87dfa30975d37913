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
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

import dev.dispatch.autoconfigure.DispatchProperties.Mount;

import org.springframework.util.ClassUtils;
import org.springframework.util.StringUtils;

/**
 * Turns {@code dispatch.mounts.*} into {@link ChildDefinition definitions}, failing with
 * an {@link InvalidDispatchConfigurationException} that names the property and the fix
 * for the first invalid value.
 *
 * @author Dispatch contributors
 */
final class MountDefinitions {

	private static final String PREFIX = "dispatch.mounts.";

	private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]*");

	private static final Pattern SEGMENT = Pattern.compile("[A-Za-z0-9_.~!$&'()*+,=:@-]+");

	private MountDefinitions() {
	}

	/**
	 * Return the definitions of the configured mounts, by path.
	 * @param properties the dispatch properties
	 * @param classLoader the class loader of the sources
	 * @return the definitions by path
	 */
	static Map<String, ChildDefinition> of(DispatchProperties properties, ClassLoader classLoader) {
		Map<String, ChildDefinition> definitions = new LinkedHashMap<>();
		properties.getMounts().forEach((name, mount) -> {
			ChildDefinition definition = definition(name, mount, classLoader);
			ChildDefinition existing = definitions.putIfAbsent(definition.path(), definition);
			if (existing != null) {
				throw new InvalidDispatchConfigurationException(PREFIX + name + ".path", definition.path(),
						"it is the path of the mount '" + existing.name() + "' too",
						"Give each mount a path of its own.");
			}
		});
		return definitions;
	}

	private static ChildDefinition definition(String name, Mount mount, ClassLoader classLoader) {
		String prefix = PREFIX + name;
		if (!NAME.matcher(name).matches()) {
			throw new InvalidDispatchConfigurationException(prefix, name,
					"a mount's name is its config file name too (spring.config.name), so it must consist of "
							+ "letters, digits, '_', '-' and '.'",
					"Rename the mount, for example to '" + suggestName(name) + "'.");
		}
		return new ChildDefinition(name, "mount '" + name + "'", prefix, path(prefix, mount.getPath()),
				sources(prefix, mount.getSources(), classLoader), List.copyOf(mount.getProfiles()),
				Collections.unmodifiableMap(new LinkedHashMap<>(mount.getProperties())), mount.isInheritParent(), mount.isEager());
	}

	private static String path(String prefix, @Nullable String path) {
		String property = prefix + ".path";
		if (!StringUtils.hasText(path)) {
			throw new InvalidDispatchConfigurationException(property, null, "every mount needs a path",
					"Set '" + property + "' to the path the application is served under, such as '/backend'.");
		}
		if (path.equals("/")) {
			throw new InvalidDispatchConfigurationException(property, path,
					"'/' is the default application's path; a mount needs a path of one or more segments",
					"Mount the application under a path such as '/backend', or make it the default application.");
		}
		if (!isValidPath(path)) {
			throw new InvalidDispatchConfigurationException(property, path,
					"a mount path is one or more segments like '/backend' or '/api/v2', each of letters, digits and "
							+ "-._~!$&'()*+,=:@ (no '.' or '..' segment), with no trailing slash",
					"Set '" + property + "' to " + suggestPath(path) + ".");
		}
		return path;
	}

	private static boolean isValidPath(String path) {
		if (!path.startsWith("/") || path.endsWith("/")) {
			return false;
		}
		for (String segment : path.substring(1).split("/", -1)) {
			if (!SEGMENT.matcher(segment).matches() || segment.equals(".") || segment.equals("..")) {
				return false;
			}
		}
		return true;
	}

	private static String suggestPath(String path) {
		List<String> segments = new ArrayList<>();
		for (String segment : path.split("/")) {
			String cleaned = segment.strip().replaceAll("[^A-Za-z0-9_.~-]", "-");
			if (!cleaned.isEmpty() && !cleaned.equals(".") && !cleaned.equals("..")) {
				segments.add(cleaned);
			}
		}
		return segments.isEmpty() ? "a path such as '/backend'" : "'/" + String.join("/", segments) + "'";
	}

	private static String suggestName(String name) {
		String cleaned = name.replaceAll("[^A-Za-z0-9_.-]", "-").replaceAll("^[^A-Za-z0-9]+", "");
		return cleaned.isEmpty() ? "backend" : cleaned;
	}

	private static List<Class<?>> sources(String prefix, List<String> sources, ClassLoader classLoader) {
		String property = prefix + ".sources";
		if (sources.isEmpty()) {
			throw new InvalidDispatchConfigurationException(property, null,
					"every mount needs the configuration class(es) of its application",
					"Set '" + property + "' to the application's @SpringBootApplication or @Configuration class.");
		}
		List<Class<?>> classes = new ArrayList<>();
		for (int i = 0; i < sources.size(); i++) {
			String source = sources.get(i).strip();
			try {
				classes.add(ClassUtils.forName(source, classLoader));
			}
			catch (ClassNotFoundException | LinkageError ex) {
				throw new InvalidDispatchConfigurationException(property + "[" + i + "]", source,
						"no such class was found",
						"Check the class name in '" + property + "' (a fully qualified name, such as "
								+ "'com.example.backend.BackendApplication') and that its module is on the class path.");
			}
		}
		return List.copyOf(classes);
	}

}
