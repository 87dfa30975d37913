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

package dev.dispatch.benchmarks.startup;

import java.lang.ref.Reference;
import java.lang.reflect.Array;
import java.lang.reflect.Field;
import java.lang.reflect.InaccessibleObjectException;
import java.lang.reflect.Modifier;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.dispatch.autoconfigure.DispatchedApplications;
import dev.dispatch.benchmarks.Fork;
import org.jspecify.annotations.Nullable;
import org.openjdk.jol.vm.VM;

import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.support.DefaultListableBeanFactory;
import org.springframework.context.ApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.support.GenericApplicationContext;
import org.springframework.util.ReflectionUtils;

/**
 * Where one live tenant's heap goes, by the structure that holds it: the objects that a
 * tenant's context reaches and another tenant of the same template does not, each counted
 * once, for the first of the structures below that reaches it: the environment, the bean
 * definitions, the merged bean definitions, each singleton alone, then the rest of the
 * bean factory and of the context. The walk stops at other contexts and bean factories,
 * at the container's and the starter's own objects (they lead to every tenant), at
 * classes and class loaders, and at soft and weak references, which the memory benchmark
 * lets the GC clear.
 * <p>
 * Sizes come from JOL, which reads the JVM's object layout; the walk reads private
 * fields, so the JVM needs {@code --add-opens} for the JDK's packages whose objects
 * Spring holds ({@link #JVM_ARGUMENTS}). The JDK hides the fields of its reflection
 * objects ({@code Method}, {@code Constructor}, {@code Field}) even from that, so those
 * count at the size that JOL sees, without what they hold (their parsed generic
 * signatures): most of what the memory benchmark's figure has beyond this one's (about 50
 * KiB of a Boot tenant, by {@code -Dstartup.histogram=true}). Argument: {@code boot} or
 * {@code bare}.
 *
 * @author Dispatch contributors
 */
public final class TenantFootprint {

	/** The options that let the walk read the JDK's objects. */
	public static final List<String> JVM_ARGUMENTS = openPackages("java.lang", "java.lang.invoke", "java.lang.ref",
			"java.lang.reflect", "java.io", "java.net", "java.nio.charset", "java.security", "java.text", "java.time",
			"java.util", "java.util.concurrent", "java.util.concurrent.atomic", "java.util.concurrent.locks",
			"jdk.internal.reflect", "sun.reflect.annotation", "sun.reflect.generics.repository",
			"sun.reflect.generics.tree");

	private static final int ROWS = 20;

	private final Map<Class<?>, List<Field>> fields = new HashMap<>();

	private final Object context;

	private final Object beanFactory;

	private TenantFootprint(GenericApplicationContext context) {
		this.context = context;
		this.beanFactory = context.getBeanFactory();
	}

	public static void main(String[] args) throws Exception {
		String template = args[0];
		try (ConfigurableApplicationContext context = StartupBenchmark.run(template)) {
			StartupBenchmark requests = new StartupBenchmark(template, StartupBenchmark.port(context));
			// Tenants that have served a request, so that their handler caches are
			// filled. The first of the template records its configuration processing for
			// the others, so the tenant measured is one of those, against another
			requests.firstRequest("first");
			requests.firstRequest("a");
			requests.firstRequest("b");
			DispatchedApplications applications = context.getBean(DispatchedApplications.class);
			GenericApplicationContext a = (GenericApplicationContext) applications.getApplicationContext("path:a");
			GenericApplicationContext b = (GenericApplicationContext) applications.getApplicationContext("path:b");
			Set<Object> shared = new TenantFootprint(b).reach(b);
			new TenantFootprint(a).report(template, a, shared);
		}
		System.exit(0);
	}

	private void report(String template, GenericApplicationContext tenant, Set<Object> shared) {
		DefaultListableBeanFactory factory = tenant.getDefaultListableBeanFactory();
		Map<String, Object> structures = new LinkedHashMap<>();
		structures.put("environment", tenant.getEnvironment());
		structures.put("bean definitions", field(factory, "beanDefinitionMap"));
		structures.put("merged bean definitions", field(factory, "mergedBeanDefinitions"));
		for (String name : factory.getSingletonNames()) {
			structures.put("bean " + name, factory.getSingleton(name));
		}
		structures.put("rest of the bean factory", factory);
		structures.put("rest of the context", tenant);
		Set<Object> counted = identitySet();
		counted.addAll(shared);
		List<Map.Entry<String, Long>> sizes = new ArrayList<>();
		long total = 0;
		for (Map.Entry<String, Object> structure : structures.entrySet()) {
			long size = walk(structure.getValue(), counted, structure.getValue());
			total += size;
			sizes.add(Map.entry(structure.getKey(), size));
		}
		sizes.sort(Map.Entry.<String, Long>comparingByValue().reversed());
		System.out.printf("One tenant of the %s template holds %d KiB that a second one does not:%n", template,
				total / 1024);
		sizes.stream()
			.limit(ROWS)
			.forEach((entry) -> System.out.printf("%8.1f KiB %s%n", entry.getValue() / 1024.0, entry.getKey()));
		String prefix = "footprint." + template;
		Fork.report(prefix + ".total-kib", total / 1024.0);
		for (String structure : List.of("environment", "bean definitions", "merged bean definitions",
				"bean autoConfigurationReport", "bean dispatcherServlet", "rest of the bean factory")) {
			long size = sizes.stream()
				.filter((entry) -> entry.getKey().equals(structure))
				.mapToLong(Map.Entry::getValue)
				.sum();
			Fork.report(prefix + "." + structure.replace("bean ", "").replace(' ', '-') + "-kib", size / 1024.0);
		}
	}

	private Set<Object> reach(Object root) {
		Set<Object> reached = identitySet();
		walk(root, reached, null);
		return reached;
	}

	// Visit what root reaches and visited does not hold yet. The walk of a structure
	// stops at the tenant's context and bean factory unless the structure is one of them;
	// the walk of the whole tenant (structure null) goes through them.
	private long walk(Object root, Set<Object> visited, @Nullable Object structure) {
		long size = 0;
		Deque<Object> pending = new ArrayDeque<>();
		pending.push(root);
		while (!pending.isEmpty()) {
			Object object = pending.pop();
			if (stopsAt(object, structure) || !visited.add(object)) {
				continue;
			}
			size += VM.current().sizeOf(object);
			Class<?> type = object.getClass();
			if (type.isArray()) {
				if (!type.getComponentType().isPrimitive()) {
					for (int i = 0; i < Array.getLength(object); i++) {
						push(pending, Array.get(object, i));
					}
				}
				continue;
			}
			for (Field field : fieldsOf(type)) {
				push(pending, ReflectionUtils.getField(field, object));
			}
		}
		return size;
	}

	private static void push(Deque<Object> pending, Object object) {
		if (object != null) {
			pending.push(object);
		}
	}

	private boolean stopsAt(Object object, @Nullable Object structure) {
		if (object == this.context || object == this.beanFactory) {
			return structure != null && object != structure;
		}
		if (object instanceof ApplicationContext || object instanceof BeanFactory || object instanceof Class
				|| object instanceof ClassLoader || object instanceof Thread) {
			return true;
		}
		String type = object.getClass().getName();
		return type.startsWith("org.apache.") || type.startsWith("dev.dispatch.");
	}

	private List<Field> fieldsOf(Class<?> type) {
		return this.fields.computeIfAbsent(type, (key) -> {
			List<Field> found = new ArrayList<>();
			for (Class<?> current = key; current != null; current = current.getSuperclass()) {
				if (current == Reference.class) {
					// What soft and weak references hold, the GC may take
					continue;
				}
				for (Field field : current.getDeclaredFields()) {
					if (!Modifier.isStatic(field.getModifiers()) && !field.getType().isPrimitive()
							&& makeAccessible(field)) {
						found.add(field);
					}
				}
			}
			return found;
		});
	}

	private static boolean makeAccessible(Field field) {
		try {
			field.setAccessible(true);
			return true;
		}
		catch (InaccessibleObjectException ex) {
			// A package that JVM_ARGUMENTS does not open: its objects count, not what
			// they hold
			return false;
		}
	}

	private static Object field(Object target, String name) {
		Field field = ReflectionUtils.findField(target.getClass(), name);
		if (field == null) {
			throw new IllegalStateException(target.getClass().getName() + " has no field " + name);
		}
		ReflectionUtils.makeAccessible(field);
		return ReflectionUtils.getField(field, target);
	}

	private static Set<Object> identitySet() {
		return Collections.newSetFromMap(new IdentityHashMap<>());
	}

	private static List<String> openPackages(String... packages) {
		List<String> arguments = new ArrayList<>();
		for (String name : packages) {
			arguments.add("--add-opens=java.base/" + name + "=ALL-UNNAMED");
		}
		arguments.add("-Djol.magicFieldOffset=true");
		return List.copyOf(arguments);
	}

}
