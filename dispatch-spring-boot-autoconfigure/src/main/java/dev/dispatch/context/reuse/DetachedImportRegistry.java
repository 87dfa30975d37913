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

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

import org.jspecify.annotations.Nullable;

import org.springframework.context.annotation.ConfigurationClassPostProcessor;
import org.springframework.core.type.AnnotationMetadata;
import org.springframework.util.ReflectionUtils;

/**
 * A copy of the registry of imports that Spring's configuration class processing leaves
 * for {@code ImportAware} beans, detached from the processing. Spring's registry is an
 * inner object of the configuration class parser, which holds the bean factory, the
 * environment and the resource loader of the application it parsed; one that outlives the
 * application would keep all of it. Spring's registry interface is not public, so the
 * copy is a JDK proxy of it that answers from a map.
 *
 * @author Dispatch contributors
 */
final class DetachedImportRegistry implements InvocationHandler {

	private final Map<String, AnnotationMetadata> importingClasses;

	private DetachedImportRegistry(Map<String, AnnotationMetadata> importingClasses) {
		this.importingClasses = importingClasses;
	}

	/**
	 * Copy an import registry.
	 * @param importRegistry the import registry that Spring's processing registered
	 * @param classNames the names of the classes that may have been imported
	 * @return a copy that answers for those classes, or {@code null} if the registry
	 * cannot be copied
	 */
	static @Nullable Object copy(Object importRegistry, Set<String> classNames) {
		try {
			Class<?> type = Class.forName(ReuseInternals.IMPORT_REGISTRY_CLASS, false,
					ConfigurationClassPostProcessor.class.getClassLoader());
			if (!type.isInstance(importRegistry)) {
				return null;
			}
			Method getImportingClassFor = type.getDeclaredMethod(ReuseInternals.GET_IMPORTING_CLASS_FOR, String.class);
			ReflectionUtils.makeAccessible(getImportingClassFor);
			Map<String, AnnotationMetadata> importingClasses = new HashMap<>();
			for (String className : classNames) {
				Object importingClass = getImportingClassFor.invoke(importRegistry, className);
				if (importingClass instanceof AnnotationMetadata metadata) {
					importingClasses.put(className, metadata);
				}
			}
			return Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] { type },
					new DetachedImportRegistry(importingClasses));
		}
		catch (ReflectiveOperationException | RuntimeException ex) {
			return null;
		}
	}

	@Override
	public @Nullable Object invoke(Object proxy, Method method, @Nullable Object[] args) {
		return switch (method.getName()) {
			case "getImportingClassFor" -> this.importingClasses.get((String) args[0]);
			// Only the parser removes imports, while it parses
			case "removeImportingClass" -> null;
			case "equals" -> proxy == args[0];
			case "hashCode" -> System.identityHashCode(proxy);
			case "toString" -> "Imports of " + this.importingClasses.keySet();
			default -> throw new UnsupportedOperationException(method.getName());
		};
	}

}
