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

package dev.dispatch.context.isolated;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.net.MalformedURLException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Enumeration;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.Manifest;

import org.jspecify.annotations.Nullable;

import org.springframework.core.io.Resource;
import org.springframework.util.FileSystemUtils;

/**
 * An executable Spring Boot jar, or a folder that holds an exploded one, and the class
 * path of the application in it: {@code BOOT-INF/classes/} and the jars of
 * {@code BOOT-INF/lib/}. The nested jars of a jar are unpacked into a temporary folder,
 * as Tomcat unpacks a war, so that a plain {@link java.net.URLClassLoader} reads them.
 *
 * @author Dispatch contributors
 */
final class ApplicationArchive implements AutoCloseable {

	private static final String CLASSES = "BOOT-INF/classes/";

	private static final String LIB = "BOOT-INF/lib/";

	private static final String BOOT_VERSION = "Spring-Boot-Version";

	private final String startClass;

	private final String bootVersion;

	private final List<URL> classPath;

	private final @Nullable Path unpacked;

	private ApplicationArchive(String startClass, String bootVersion, List<URL> classPath, @Nullable Path unpacked) {
		this.startClass = startClass;
		this.bootVersion = bootVersion;
		this.classPath = classPath;
		this.unpacked = unpacked;
	}

	/**
	 * Open the archive at a location, checking that it is an executable Spring Boot jar
	 * built for Spring Boot 4.
	 * @param location the jar or folder
	 * @param property the property that names it, for error messages
	 * @return the archive
	 * @throws InvalidArchiveException if it is missing, unreadable, not an executable
	 * Spring Boot jar or built for another Spring Boot generation
	 */
	static ApplicationArchive open(Resource location, String property) {
		if (!location.exists()) {
			throw new InvalidArchiveException(property, location, "does not exist",
					"Build the application's executable jar and set '" + property
							+ "' to its location, such as 'file:apps/app.jar'.");
		}
		try {
			File file = location.isFile() ? location.getFile() : null;
			if (file != null && file.isDirectory()) {
				return exploded(file, location, property);
			}
			return unpack(location, file, property);
		}
		catch (IOException ex) {
			throw new InvalidArchiveException(property, location, "could not be read (" + ex.getMessage() + ")",
					"Check that the file is a complete jar that this process may read.", ex);
		}
	}

	private static ApplicationArchive exploded(File folder, Resource location, String property) throws IOException {
		Manifest manifest = null;
		File manifestFile = new File(folder, JarFile.MANIFEST_NAME);
		if (manifestFile.isFile()) {
			try (InputStream in = Files.newInputStream(manifestFile.toPath())) {
				manifest = new Manifest(in);
			}
		}
		String[] describe = check(manifest, new File(folder, CLASSES).isDirectory(), location, property);
		List<URL> classPath = new ArrayList<>();
		classPath.add(new File(folder, CLASSES).toURI().toURL());
		File[] jars = new File(folder, LIB).listFiles((dir, name) -> name.endsWith(".jar"));
		if (jars != null) {
			Arrays.sort(jars);
			for (File jar : jars) {
				classPath.add(jar.toURI().toURL());
			}
		}
		return new ApplicationArchive(describe[0], describe[1], classPath, null);
	}

	private static ApplicationArchive unpack(Resource location, @Nullable File file, String property)
			throws IOException {
		Path folder = Files.createTempDirectory("dispatch-" + safe(location.getFilename()) + "-");
		try {
			Path jarPath = (file != null) ? file.toPath() : copy(location, folder);
			try (JarFile jar = new JarFile(jarPath.toFile())) {
				String[] describe = check(jar.getManifest(), jar.getEntry(CLASSES) != null, location, property);
				List<URL> classPath = new ArrayList<>();
				// Created first: a folder's URL ends with a slash, or it is read as a jar
				Path classes = Files.createDirectories(folder.resolve("classes"));
				classPath.add(classes.toUri().toURL());
				for (Enumeration<JarEntry> entries = jar.entries(); entries.hasMoreElements();) {
					JarEntry entry = entries.nextElement();
					String name = entry.getName();
					if (entry.isDirectory()) {
						continue;
					}
					if (name.startsWith(CLASSES)) {
						extract(jar, entry, classes, name.substring(CLASSES.length()));
					}
					else if (name.startsWith(LIB) && name.endsWith(".jar") && name.indexOf('/', LIB.length()) < 0) {
						classPath.add(extract(jar, entry, folder.resolve("lib"), name.substring(LIB.length())));
					}
				}
				return new ApplicationArchive(describe[0], describe[1], classPath, folder);
			}
		}
		catch (IOException | RuntimeException ex) {
			FileSystemUtils.deleteRecursively(folder);
			throw ex;
		}
	}

	private static Path copy(Resource location, Path folder) throws IOException {
		Path target = folder.resolve("application.jar");
		try (InputStream in = location.getInputStream()) {
			Files.copy(in, target);
		}
		return target;
	}

	private static URL extract(JarFile jar, JarEntry entry, Path folder, String name) throws IOException {
		Path target = folder.resolve(name).normalize();
		if (!target.startsWith(folder)) {
			throw new IOException("The entry '" + entry.getName() + "' points outside the archive");
		}
		Files.createDirectories(target.getParent());
		try (InputStream in = jar.getInputStream(entry)) {
			Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
		}
		return toUrl(target);
	}

	private static URL toUrl(Path path) throws MalformedURLException {
		return path.toUri().toURL();
	}

	// Returns the start class and the Boot version
	private static String[] check(@Nullable Manifest manifest, boolean hasClasses, Resource location, String property) {
		Attributes attributes = (manifest != null) ? manifest.getMainAttributes() : new Attributes();
		String bootVersion = attributes.getValue(BOOT_VERSION);
		if (bootVersion == null || !hasClasses) {
			throw new InvalidArchiveException(property, location,
					"is not an executable Spring Boot jar: it has no " + BOOT_VERSION + " in its manifest or no "
							+ CLASSES,
					"Build the application with spring-boot-maven-plugin's 'repackage' goal or Gradle's 'bootJar' "
							+ "task, and set '" + property + "' to that jar or to the folder it is extracted to.");
		}
		if (!bootVersion.startsWith("4.")) {
			throw new InvalidArchiveException(property, location,
					"is built with Spring Boot " + bootVersion + ", and an application of its own class loader "
							+ "runs on Spring Boot 4.x",
					"Upgrade the application to Spring Boot 4, or run it on its own.");
		}
		String startClass = attributes.getValue("Start-Class");
		return new String[] { (startClass != null) ? startClass : "", bootVersion };
	}

	private static String safe(@Nullable String name) {
		return (name != null) ? name.replaceAll("[^A-Za-z0-9_.-]", "_") : "application";
	}

	String getStartClass() {
		return this.startClass;
	}

	String getBootVersion() {
		return this.bootVersion;
	}

	URL[] getClassPath() {
		return this.classPath.toArray(new URL[0]);
	}

	/**
	 * Delete what was unpacked, once the class loader that reads it is closed.
	 */
	@Override
	public void close() {
		if (this.unpacked != null) {
			FileSystemUtils.deleteRecursively(this.unpacked.toFile());
		}
	}

}
