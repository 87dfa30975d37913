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

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.Enumeration;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * The class loader of an application that runs apart from the default application's class
 * path, as a servlet container's web application class loader: the application's classes
 * and jars, over the JDK and the few packages that the container and the application must
 * share. Everything else, Spring included, is the application's own, so it may use other
 * versions of its libraries than the default application.
 * <p>
 * Shared with the default application:
 * <ul>
 * <li>the Jakarta Servlet, WebSocket and Expression Language APIs, whose objects
 * (requests, responses, sessions, the servlet context) the container hands to the
 * application;</li>
 * <li>the SLF4J API, so that the application logs to the process's logging, under its own
 * logger names, rather than starting a second logging system; its Commons Logging, Log4j
 * API and {@code java.util.logging} calls reach SLF4J through its own bridges;</li>
 * <li>{@link Launcher}, through which the default application starts it.</li>
 * </ul>
 * The classes of {@code dev.dispatch.context.isolated.launch} are defined by this class
 * loader, from the starter's jar, so that they link against the application's Spring.
 *
 * @author Dispatch contributors
 */
final class IsolatedClassLoader extends URLClassLoader {

	static final List<String> SHARED_PACKAGES = List.of("jakarta.servlet.", "jakarta.websocket.", "jakarta.el.",
			"org.slf4j.");

	static final String LAUNCHER_CLASS = "dev.dispatch.context.isolated.launch.SpringBootLauncher";

	private static final String LAUNCH_PACKAGE = "dev.dispatch.context.isolated.launch.";

	static {
		ClassLoader.registerAsParallelCapable();
	}

	private final ClassLoader host;

	IsolatedClassLoader(String name, URL[] classPath, ClassLoader host) {
		super(name, classPath, new SharedClasses(host));
		this.host = host;
	}

	@Override
	protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
		if (name.startsWith(LAUNCH_PACKAGE)) {
			synchronized (getClassLoadingLock(name)) {
				Class<?> loaded = findLoadedClass(name);
				return (loaded != null) ? loaded : defineLauncherClass(name);
			}
		}
		return super.loadClass(name, resolve);
	}

	private Class<?> defineLauncherClass(String name) throws ClassNotFoundException {
		try (InputStream in = this.host.getResourceAsStream(name.replace('.', '/') + ".class")) {
			if (in == null) {
				throw new ClassNotFoundException(name);
			}
			byte[] bytes = in.readAllBytes();
			return defineClass(name, bytes, 0, bytes.length);
		}
		catch (IOException ex) {
			throw new ClassNotFoundException(name, ex);
		}
	}

	static boolean isShared(String className) {
		if (className.equals(Launcher.class.getName()) || className.startsWith(Launcher.class.getName() + "$")) {
			return true;
		}
		for (String prefix : SHARED_PACKAGES) {
			if (className.startsWith(prefix)) {
				return true;
			}
		}
		return false;
	}

	@Override
	public String toString() {
		return getName();
	}

	/**
	 * The parent of an application's class loader: the JDK's classes and resources, and
	 * the shared classes (and their class files) of the default application's class
	 * loader. Nothing else of the default application, its config files and its
	 * {@code META-INF/spring} registrations included, is visible.
	 */
	private static final class SharedClasses extends ClassLoader {

		static {
			ClassLoader.registerAsParallelCapable();
		}

		private final ClassLoader host;

		SharedClasses(ClassLoader host) {
			super("dispatch-shared", ClassLoader.getPlatformClassLoader());
			this.host = host;
		}

		@Override
		protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
			return isShared(name) ? this.host.loadClass(name) : super.loadClass(name, resolve);
		}

		@Override
		public @Nullable URL getResource(String name) {
			return isSharedResource(name) ? this.host.getResource(name) : super.getResource(name);
		}

		@Override
		public Enumeration<URL> getResources(String name) throws IOException {
			return isSharedResource(name) ? this.host.getResources(name) : super.getResources(name);
		}

		private static boolean isSharedResource(String name) {
			return name.endsWith(".class") && isShared(name.substring(0, name.length() - 6).replace('/', '.'));
		}

		@Override
		public String toString() {
			return "dispatch-shared " + SHARED_PACKAGES;
		}

	}

}
