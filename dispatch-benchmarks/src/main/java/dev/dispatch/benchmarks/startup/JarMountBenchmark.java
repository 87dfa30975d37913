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

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryType;
import java.util.HashMap;
import java.util.Map;

import dev.dispatch.benchmarks.Fork;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * What an application costs mounted from its executable jar, in a class loader of its
 * own, against the same application on the default application's class path: the test
 * application {@code notes} as a mount, then as two path tenants, in a fresh JVM. For the
 * mount and for the second tenant: the time to its first response, and the heap after a
 * full GC and the metaspace that it adds. Argument: {@code jar} or {@code shared} (run
 * with the notes application's classes on the class path).
 *
 * @author Dispatch contributors
 */
public final class JarMountBenchmark {

	/** The notes application's executable jar, relative to this module. */
	public static final String JAR = "../dispatch-test-apps/notes/target/notes.jar";

	/** Its classes, for the shared class path, relative to this module. */
	public static final String CLASSES = "../dispatch-test-apps/notes/target/classes";

	private static final String SOURCES = "com.example.notes.NotesApplication";

	private final FirstResponses responses;

	private JarMountBenchmark(int port) {
		this.responses = new FirstResponses(port);
	}

	public static void main(String[] args) throws Exception {
		String variant = args[0];
		Map<String, Object> properties = new HashMap<>(Map.of("server.port", "0", "spring.main.banner-mode", "off",
				"logging.level.root", "warn", "dispatch.mounts.notes.path", "/notes",
				// On the shared class path its application.properties is not its own
				"dispatch.mounts.notes.properties.notes.owner", "mount", "dispatch.path.prefix", "/t",
				"dispatch.path.tenants.a.properties.notes.owner", "a", "dispatch.path.tenants.b.properties.notes.owner",
				"b"));
		if (variant.equals("jar")) {
			properties.put("dispatch.mounts.notes.location", "file:" + JAR);
			properties.put("dispatch.path.location", "file:" + JAR);
		}
		else {
			properties.put("dispatch.mounts.notes.sources", SOURCES);
			properties.put("dispatch.path.sources", SOURCES);
		}
		SpringApplication application = new SpringApplication(Host.class);
		application.setDefaultProperties(properties);
		try (ConfigurableApplicationContext context = application.run()) {
			JarMountBenchmark benchmark = new JarMountBenchmark(
					((WebServerApplicationContext) context).getWebServer().getPort());
			String prefix = "jar." + variant + ".";
			Memory before = Memory.now();
			Fork.report(prefix + "mount-first-response-ms", benchmark.responses.millis("/notes/", "\"owner\""));
			Memory mount = Memory.now();
			Fork.report(prefix + "mount-heap-kib", (mount.heap - before.heap) / 1024.0);
			Fork.report(prefix + "mount-metaspace-kib", (mount.metaspace - before.metaspace) / 1024.0);
			benchmark.responses.millis("/t/a/", "\"owner\"");
			Memory first = Memory.now();
			Fork.report(prefix + "second-tenant-first-response-ms", benchmark.responses.millis("/t/b/", "\"owner\""));
			Memory second = Memory.now();
			Fork.report(prefix + "second-tenant-heap-kib", (second.heap - first.heap) / 1024.0);
			Fork.report(prefix + "second-tenant-metaspace-kib", (second.metaspace - first.metaspace) / 1024.0);
		}
		System.exit(0);
	}

	/**
	 * The heap in use after full collections, and the metaspace in use.
	 */
	private record Memory(long heap, long metaspace) {

		static Memory now() {
			for (int i = 0; i < 3; i++) {
				System.gc();
			}
			long heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
			long metaspace = ManagementFactory.getMemoryPoolMXBeans()
				.stream()
				.filter((pool) -> pool.getType() == MemoryType.NON_HEAP && pool.getName().equals("Metaspace"))
				.mapToLong((pool) -> pool.getUsage().getUsed())
				.sum();
			return new Memory(heap, metaspace);
		}

	}

	@SpringBootConfiguration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	static class Host {

	}

}
