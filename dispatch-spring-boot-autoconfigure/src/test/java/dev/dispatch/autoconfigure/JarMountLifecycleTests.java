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
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.management.ManagementFactory;
import java.lang.ref.WeakReference;
import java.lang.runtime.ObjectMethods;
import java.net.CookieManager;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

import com.sun.management.HotSpotDiagnosticMXBean;
import dev.dispatch.application.ApplicationInstance;
import dev.dispatch.application.DispatchedApplication;
import dev.dispatch.application.DispatchedApplicationRegistry;
import dev.dispatch.application.TenantGroup;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;
import static org.awaitility.Awaitility.await;

/**
 * The life of applications mounted from their jars: their class loaders are let go once
 * they stop, the tenants of a group share one, and a location that holds no executable
 * Spring Boot 4 jar fails with a message that names the property.
 *
 * @author Dispatch contributors
 */
@ExtendWith(OutputCaptureExtension.class)
class JarMountLifecycleTests {

	private ConfigurableApplicationContext context;

	@AfterEach
	void close() {
		if (this.context != null) {
			this.context.close();
		}
	}

	@Test
	void stoppedJarMountLeavesNothingThatKeepsItsClassLoader() throws Exception {
		run("dispatch.mounts.shop.path=/shop", "dispatch.mounts.shop.location=" + JarMountServerTests.SHOP);
		DispatchedApplication shop = registry().getMounts().get(0);
		DispatchedApplications applications = this.context.getBean(DispatchedApplications.class);
		List<WeakReference<ClassLoader>> classLoaders = new ArrayList<>();
		Set<Integer> identities = new HashSet<>();
		// One session throughout, which each start's application keeps a value of its own
		// classes in
		HttpClient browser = HttpClient.newBuilder().cookieHandler(new CookieManager()).build();
		for (int i = 0; i < 20; i++) {
			assertThat(send(browser, "/shop/visits").body()).isEqualTo("1");
			assertThat(send(browser, "/shop/visits").body()).isEqualTo("2");
			HttpResponse<String> added = TestRequests.post(port(), "/shop/products?name=item" + i);
			assertThat(added.statusCode()).isEqualTo(200);
			assertThat(get("/shop/products").body()).isEqualTo("[\"item" + i + "\"]");
			ApplicationInstance instance = shop.getRunning();
			ClassLoader classLoader = instance.servlets().getClassLoader();
			assertThat(classLoader).isNotNull();
			classLoaders.add(new WeakReference<>(classLoader));
			identities.add(System.identityHashCode(classLoader));
			classLoader = null;
			assertThat(applications.stop("shop")).isTrue();
			await().atMost(Duration.ofSeconds(30)).until(instance::isClosed);
			instance = null;
		}
		assertThat(identities).as("a class loader of its own for each start").hasSize(20);
		awaitCollected(classLoaders);
	}

	@Test
	void restartOfAJarMountReadsTheJarAgainIntoAClassLoaderOfItsOwn() {
		run("dispatch.mounts.shop.path=/shop", "dispatch.mounts.shop.location=" + JarMountServerTests.SHOP);
		assertThat(TestRequests.post(port(), "/shop/products?name=before").body()).isEqualTo("before");
		awaitCollected(List.of(restart()));
	}

	// Returns the old instance's class loader, which nothing here keeps
	private WeakReference<ClassLoader> restart() {
		DispatchedApplication shop = registry().getMounts().get(0);
		ApplicationInstance old = shop.getRunning();
		assertThat(this.context.getBean(DispatchedApplications.class).restart("shop")).isTrue();
		ApplicationInstance restarted = shop.getRunning();
		assertThat(restarted).isNotSameAs(old);
		assertThat(restarted.servlets().getClassLoader()).isNotSameAs(old.servlets().getClassLoader());
		await().atMost(Duration.ofSeconds(30)).until(old::isClosed);
		// The shop's jdbc:h2:mem:shop lives in its H2's classes: the restart has a
		// database of its own, which the old instance's create-drop leaves alone
		assertThat(get("/shop/products").body()).isEqualTo("[]");
		assertThat(TestRequests.post(port(), "/shop/products?name=after").body()).isEqualTo("after");
		return new WeakReference<>(old.servlets().getClassLoader());
	}

	@Test
	void tenantStartAfterTheLastStoppedReadsTheJarAgainWhileTheStoppedTenantStillCloses() throws IOException {
		run("dispatch.path.prefix=/shops", "dispatch.path.location=" + JarMountServerTests.SHOP,
				"dispatch.path.tenants.north.properties.shop.title=North");
		assertThat(get("/shops/north/products").statusCode()).isEqualTo(200);
		awaitCollected(List.of(startAgainWhileARequestKeepsTheStoppedTenant()));
	}

	// Returns the stopped tenant's class loader, which nothing here keeps
	private WeakReference<ClassLoader> startAgainWhileARequestKeepsTheStoppedTenant() throws IOException {
		ApplicationInstance stopped = registry().getTenantGroups().get(0).getTenants().get(0).getRunning();
		ClassLoader stoppedClassLoader = stopped.servlets().getClassLoader();
		String body = "name=late";
		try (Socket socket = new Socket("localhost", port())) {
			// Its body withheld, the request waits in the shop to read its parameter, and
			// keeps the stopped tenant from closing
			OutputStream out = socket.getOutputStream();
			out.write(("POST /shops/north/products HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n"
					+ "Content-Type: application/x-www-form-urlencoded\r\nContent-Length: " + body.length()
					+ "\r\n\r\n")
				.getBytes(StandardCharsets.US_ASCII));
			out.flush();
			await().atMost(Duration.ofSeconds(30)).until(() -> stopped.getInFlight() == 1);
			assertThat(this.context.getBean(DispatchedApplications.class).stop("path:north")).isTrue();
			assertThat(get("/shops/north/products").body()).isEqualTo("[]");
			// A stopped tenant leaves its group: the request added it again
			ApplicationInstance started = registry().getTenantGroups().get(0).getTenants().get(0).getRunning();
			assertThat(started).isNotSameAs(stopped);
			assertThat(stopped.getInFlight()).isEqualTo(1);
			assertThat(started.servlets().getClassLoader()).as("a class loader of its own for the start after a stop")
				.isNotSameAs(stoppedClassLoader);
			out.write(body.getBytes(StandardCharsets.US_ASCII));
			out.flush();
			String response = new String(socket.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
			assertThat(response).startsWith("HTTP/1.1 200").endsWith("late");
		}
		await().atMost(Duration.ofSeconds(30)).until(stopped::isClosed);
		assertThat(get("/shops/north/products").body()).isEqualTo("[]");
		return new WeakReference<>(stoppedClassLoader);
	}

	@Test
	void tenantsOfAJarGroupShareOneClassLoaderEachWithItsOwnContext() {
		run("dispatch.path.prefix=/clinics", "dispatch.path.location=" + JarMountServerTests.NOTES,
				"dispatch.path.tenants.north.properties.notes.owner=north",
				"dispatch.path.tenants.south.properties.notes.owner=south");
		String north = get("/clinics/north/").body();
		String south = get("/clinics/south/").body();
		assertThat(north).contains("\"owner\":\"north\"");
		assertThat(south).contains("\"owner\":\"south\"");
		TenantGroup group = registry().getTenantGroups().get(0);
		List<ClassLoader> classLoaders = group.getTenants()
			.stream()
			.map((tenant) -> tenant.getRunning().servlets().getClassLoader())
			.toList();
		assertThat(classLoaders).hasSize(2).doesNotContainNull();
		assertThat(classLoaders.get(0)).isSameAs(classLoaders.get(1));
		assertThat(north.replaceAll(".*\"classLoader\":(\\d+).*", "$1"))
			.isEqualTo(south.replaceAll(".*\"classLoader\":(\\d+).*", "$1"));
		List<WeakReference<ClassLoader>> references = List.of(new WeakReference<>(classLoaders.get(0)));
		List<ApplicationInstance> instances = new ArrayList<>(group.getTenants()
			.stream()
			.sorted(Comparator.comparing((tenant) -> tenant.getDefinition().name()))
			.map(DispatchedApplication::getRunning)
			.toList());
		classLoaders = null;
		DispatchedApplications applications = this.context.getBean(DispatchedApplications.class);
		applications.stop("path:north");
		await().atMost(Duration.ofSeconds(30)).until(() -> instances.get(0).isClosed());
		assertThat(get("/clinics/south/").body()).contains("\"owner\":\"south\"");
		applications.stop("path:south");
		await().atMost(Duration.ofSeconds(30)).until(() -> instances.get(1).isClosed());
		instances.clear();
		awaitCollected(references);
	}

	@Test
	void explodedJarInAFolderIsMountedToo(@TempDir Path folder) throws IOException {
		try (JarFile jar = new JarFile(Path.of("../dispatch-test-apps/notes/target/notes.jar").toFile())) {
			for (JarEntry entry : Collections.list(jar.entries())) {
				Path target = folder.resolve(entry.getName());
				if (entry.isDirectory()) {
					Files.createDirectories(target);
				}
				else {
					Files.createDirectories(target.getParent());
					try (InputStream in = jar.getInputStream(entry)) {
						Files.copy(in, target);
					}
				}
			}
		}
		run("dispatch.mounts.notes.path=/notes", "dispatch.mounts.notes.location=" + folder.toUri(),
				"dispatch.mounts.notes.properties.notes.owner=folder");
		assertThat(get("/notes/").body()).contains("\"owner\":\"folder\"");
	}

	@Test
	void eagerMountOfAMissingJarFailsTheStartNamingTheProperty() {
		FailureAnalysis analysis = failedStart("dispatch.mounts.shop.path=/shop", "dispatch.mounts.shop.eager=true",
				"dispatch.mounts.shop.location=file:apps/missing.jar");
		assertThat(analysis.getDescription()).contains("The mount 'shop' failed to start")
			.contains("'dispatch.mounts.shop.location'")
			.contains("missing.jar")
			.contains("does not exist");
		assertThat(analysis.getAction()).contains("'dispatch.mounts.shop.location'");
	}

	@Test
	void eagerMountOfAJarBuiltForAnotherSpringBootGenerationFailsTheStart(@TempDir Path folder) throws IOException {
		Path jar = jar(folder.resolve("old.jar"), "3.5.7");
		FailureAnalysis analysis = failedStart("dispatch.mounts.old.path=/old", "dispatch.mounts.old.eager=true",
				"dispatch.mounts.old.location=" + jar.toUri());
		assertThat(analysis.getDescription()).contains("'dispatch.mounts.old.location'")
			.contains("built with Spring Boot 3.5.7");
		assertThat(analysis.getAction()).contains("Spring Boot 4");
	}

	@Test
	void lazyMountOfAJarThatIsNotAnExecutableSpringBootJarAnswers503AndLogsOnce(@TempDir Path folder,
			CapturedOutput output) throws IOException {
		Path jar = jar(folder.resolve("plain.jar"), null);
		run("dispatch.mounts.plain.path=/plain", "dispatch.mounts.plain.location=" + jar.toUri());
		HttpResponse<String> response = get("/plain/");
		assertThat(response.statusCode()).isEqualTo(503);
		assertThat(response.headers().firstValue("Retry-After")).isPresent();
		assertThat(output).contains("mount 'plain' at /plain: from URL [file:" + jar + "], lazy");
		assertThat(output.getOut().split("Failed to start mount 'plain'", -1)).hasSize(2);
		assertThat(output.getOut()).contains("'dispatch.mounts.plain.location' is URL [file:" + jar
				+ "], which is not an executable Spring Boot jar");
		assertThat(get("/whoami").body()).isEqualTo("default");
	}

	@Test
	void tenantOfAJarGroupWhoseDirectoryNamesSourcesAnswers503(CapturedOutput output) {
		this.context = new SpringApplicationBuilder(HostApp.class, DirectoryWithSources.class)
			.properties("server.port=0", "dispatch.path.prefix=/clinics",
					"dispatch.path.location=" + JarMountServerTests.NOTES)
			.run();
		assertThat(get("/clinics/north/").statusCode()).isEqualTo(503);
		assertThat(output).contains("The path tenant 'north' names sources of the default application's class path")
			.contains("give its TenantDefinition no sources");
	}

	@Test
	void locationWithInheritParentFailsAtStartup() {
		assertThatException()
			.isThrownBy(() -> run("dispatch.mounts.shop.path=/shop",
					"dispatch.mounts.shop.location=" + JarMountServerTests.SHOP,
					"dispatch.mounts.shop.inherit-parent=true"))
			.havingRootCause()
			.isInstanceOf(InvalidDispatchConfigurationException.class)
			.withMessageContaining("'dispatch.mounts.shop.inherit-parent'")
			.withMessageContaining("class loader of its own");
	}

	@Test
	void ineffectivePropertyOfAJarMountFailsItsStart() {
		FailureAnalysis analysis = failedStart("dispatch.mounts.notes.path=/notes", "dispatch.mounts.notes.eager=true",
				"dispatch.mounts.notes.location=" + JarMountServerTests.NOTES,
				"dispatch.mounts.notes.properties.server.port=8081");
		assertThat(analysis.getDescription()).contains("'server.port'").contains("the properties of the mount 'notes'");
	}

	private static Path jar(Path path, String bootVersion) throws IOException {
		Manifest manifest = new Manifest();
		manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
		if (bootVersion != null) {
			manifest.getMainAttributes().putValue("Spring-Boot-Version", bootVersion);
			manifest.getMainAttributes().putValue("Start-Class", "com.example.Old");
		}
		try (OutputStream out = Files.newOutputStream(path); JarOutputStream jar = new JarOutputStream(out, manifest)) {
			jar.putNextEntry(new JarEntry((bootVersion != null) ? "BOOT-INF/classes/" : "com/example/"));
			jar.closeEntry();
		}
		return path;
	}

	private FailureAnalysis failedStart(String... properties) {
		Throwable failure = null;
		try {
			run(properties);
		}
		catch (RuntimeException ex) {
			failure = ex;
		}
		assertThat(failure).isNotNull();
		FailureAnalysis analysis = new DispatchedApplicationStartupFailureAnalyzer().analyze(failure);
		assertThat(analysis).as("failure analysis of %s", failure).isNotNull();
		return analysis;
	}

	// Collects, as a JVM short of memory would, until every class loader is gone
	private static void awaitCollected(List<WeakReference<ClassLoader>> classLoaders) {
		// Java 17's ObjectMethods keeps the adapted method handles of the last record
		// whose equals, hashCode and toString it linked (JDK-8078641, fixed in Java 18),
		// which may be one of the last application's, until the next record that any
		// code links: linking one here stands for that
		linkRecordMethods();
		try {
			await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).untilAsserted(() -> {
				System.gc();
				assertThat(classLoaders.stream().filter((reference) -> reference.get() != null)).isEmpty();
			});
		}
		catch (AssertionError | RuntimeException ex) {
			// -Ddispatch.test.heap-dump=<file> keeps the heap, to find what keeps them
			String heapDump = System.getProperty("dispatch.test.heap-dump");
			if (heapDump != null) {
				dumpHeap(heapDump);
			}
			throw ex;
		}
	}

	private static void linkRecordMethods() {
		try {
			MethodHandles.Lookup lookup = MethodHandles.lookup();
			MethodHandle type = lookup.findGetter(Linked.class, "type", Class.class);
			MethodHandle name = lookup.findGetter(Linked.class, "name", String.class);
			ObjectMethods.bootstrap(lookup, "equals", MethodType.methodType(boolean.class, Linked.class, Object.class),
					Linked.class, "type;name", type, name);
			ObjectMethods.bootstrap(lookup, "hashCode", MethodType.methodType(int.class, Linked.class), Linked.class,
					"type;name", type, name);
			ObjectMethods.bootstrap(lookup, "toString", MethodType.methodType(String.class, Linked.class), Linked.class,
					"type;name", type, name);
		}
		catch (Throwable ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static void dumpHeap(String file) {
		try {
			ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class).dumpHeap(file, true);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private DispatchedApplicationRegistry registry() {
		return this.context.getBean(DispatchedApplicationRegistry.class);
	}

	private void run(String... properties) {
		this.context = new SpringApplicationBuilder(HostApp.class).properties("server.port=0")
			.properties(properties)
			.run();
	}

	private HttpResponse<String> send(HttpClient client, String path) throws Exception {
		return client.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port() + path)).build(),
				HttpResponse.BodyHandlers.ofString());
	}

	private int port() {
		return ((WebServerApplicationContext) this.context).getWebServer().getPort();
	}

	private HttpResponse<String> get(String path) {
		return TestRequests.get(port(), path);
	}

	private record Linked(Class<?> type, String name) {
	}

	@Configuration(proxyBeanMethods = false)
	static class DirectoryWithSources {

		@Bean
		TenantDirectory tenantDirectory() {
			return (key) -> new TenantDefinition(Map.of(), List.of(), List.of(HostApp.class));
		}

	}

	@SpringBootConfiguration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	@Import(WhoAmIController.class)
	static class HostApp {

		@Bean
		String name() {
			return "default";
		}

	}

}
