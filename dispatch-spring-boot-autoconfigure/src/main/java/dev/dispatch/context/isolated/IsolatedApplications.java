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
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.function.LongSupplier;

import dev.dispatch.application.ApplicationDefinition;
import dev.dispatch.application.ApplicationGroup;
import dev.dispatch.application.ApplicationInstance;
import dev.dispatch.application.ApplicationLocation;
import dev.dispatch.application.ApplicationStarter;
import dev.dispatch.application.DispatchedApplicationStartupException;
import dev.dispatch.context.EnvironmentCheck;
import dev.dispatch.web.DispatchedServletContext;
import dev.dispatch.web.ErrorPages;
import dev.dispatch.web.ServletApplication;
import dev.dispatch.web.ServletMapping;
import dev.dispatch.web.ServletRegistrations;
import jakarta.servlet.Servlet;
import jakarta.servlet.ServletContext;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.util.Assert;
import org.springframework.web.context.ConfigurableWebApplicationContext;

/**
 * Starts the applications that run in a class loader of their own, from an executable
 * Spring Boot jar. Each start of a mount has a class loader of its own; the tenants of a
 * group share one, so that a thousand tenants do not load a thousand copies of Spring,
 * while one of them runs: once the last has stopped, the next start has a new one, which
 * reads the jar again, even while the stopped tenants still finish their requests. Once
 * the applications of a class loader have closed, what their classes registered with the
 * JDK is let go and it is closed, so that nothing keeps it.
 * <p>
 * Each start (the context, then the servlet and filters) and each close of a context runs
 * on a thread of its own that ends with it, with the application's class loader as its
 * context class loader: what the application's code leaves in thread-locals of that
 * thread ends with it too. For internal use only.
 *
 * @author Dispatch contributors
 */
public final class IsolatedApplications implements ApplicationStarter {

	private static final Log logger = LogFactory.getLog(IsolatedApplications.class);

	private final ConfigurableWebApplicationContext parent;

	private final EnvironmentCheck environmentCheck;

	private final LongSupplier sequence;

	private final ClassLoader host = IsolatedApplications.class.getClassLoader();

	private final Map<String, SharedClassLoader> classLoaders = new HashMap<>();

	/**
	 * Create a starter.
	 * @param parent the default application's context, whose server has started
	 * @param environmentCheck what checks an application's properties before it starts
	 * @param sequence gives the number of each start, in the order of all starts
	 */
	public IsolatedApplications(ConfigurableWebApplicationContext parent, EnvironmentCheck environmentCheck,
			LongSupplier sequence) {
		this.parent = parent;
		this.environmentCheck = environmentCheck;
		this.sequence = sequence;
	}

	@Override
	public ApplicationInstance start(ApplicationDefinition definition) {
		ApplicationLocation location = definition.location();
		Assert.state(location != null, "Not an application of a class loader of its own");
		try {
			SharedClassLoader classLoader = acquire(definition, location);
			try {
				return start(definition, location, classLoader);
			}
			catch (Exception ex) {
				retire(classLoader);
				release(classLoader);
				throw ex;
			}
		}
		catch (Exception ex) {
			throw new DispatchedApplicationStartupException(definition.description(), definition.configurationPrefix(),
					ex);
		}
	}

	private ApplicationInstance start(ApplicationDefinition definition, ApplicationLocation location,
			SharedClassLoader classLoader) throws Exception {
		if (!definition.sources().isEmpty()) {
			// From a TenantDirectory: the properties cannot name them
			throw new IllegalStateException("The " + definition.description() + " names sources of the default "
					+ "application's class path " + definition.sources() + ", but its group runs from "
					+ location.resource().getDescription() + ": give its TenantDefinition no sources");
		}
		String startClass = classLoader.archive.getStartClass();
		if (location.sources().isEmpty() && startClass.isEmpty()) {
			throw new IllegalStateException("The " + definition.description() + " has no sources: its jar has no "
					+ "Start-Class in its manifest. Set '" + definition.configurationPrefix() + ".sources'");
		}
		ServletContext container = this.parent.getServletContext();
		Assert.state(container != null, "The default application has no ServletContext yet");
		ServletRegistrations registrations = new ServletRegistrations(definition.description());
		ServletContext servletContext = DispatchedServletContext.create(container,
				container.getContextPath() + definition.path(), definition.name(), registrations);
		ErrorPages errorPages = ErrorPages.empty();
		AutoCloseable context = onOwnThread("start", definition, classLoader.loader,
				() -> classLoader.launcher.start(servletContext, location.sources(), startClass, definition.profiles(),
						definition.properties(), errorPages::add,
						(configFiles) -> this.environmentCheck.check(definition, configFiles)));
		try {
			ServletApplication servlets = onOwnThread("start", definition, classLoader.loader,
					() -> servlets(definition, servletContext, registrations, errorPages, classLoader.loader));
			return new ApplicationInstance(definition, this.sequence.getAsLong(), () -> retire(classLoader), () -> {
				try {
					close(definition, classLoader, context);
				}
				finally {
					release(classLoader);
				}
			}, servlets);
		}
		catch (Exception ex) {
			close(definition, classLoader, context);
			throw ex;
		}
	}

	private static void close(ApplicationDefinition definition, SharedClassLoader classLoader, AutoCloseable context) {
		try {
			onOwnThread("close", definition, classLoader.loader, () -> {
				context.close();
				return null;
			});
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex.getMessage(), ex);
		}
	}

	private static ServletApplication servlets(ApplicationDefinition definition, ServletContext servletContext,
			ServletRegistrations registrations, ErrorPages errorPages, ClassLoader classLoader) throws Exception {
		ServletMapping mapping = registrations.mapping();
		Servlet servlet = registrations.servlet();
		Assert.state(servlet != null, "A mapping without a servlet");
		registrations.initialize(servletContext);
		return new ServletApplication(definition.description(), servletContext, null, classLoader,
				registrations.filters(), servlet, mapping, errorPages, definition.configurationPrefix(), true);
	}

	private SharedClassLoader acquire(ApplicationDefinition definition, ApplicationLocation location) {
		// One for each start of a mount, so that a restart, whose old instance still
		// runs, reads the jar again too, and meets none of the old one's static state (a
		// named in-memory database, say), as when the application restarts on its own
		boolean mount = definition.group() == ApplicationGroup.MOUNTS;
		SharedClassLoader classLoader = mount ? open(definition.id(), location, definition.description()) : null;
		synchronized (this) {
			if (classLoader == null) {
				String key = definition.group().id();
				classLoader = this.classLoaders.get(key);
				if (classLoader == null) {
					classLoader = open(key, location, key + " tenants");
					this.classLoaders.put(key, classLoader);
				}
			}
			classLoader.running++;
			classLoader.users++;
			return classLoader;
		}
	}

	private SharedClassLoader open(String key, ApplicationLocation location, String description) {
		SharedClassLoader classLoader = new SharedClassLoader(key,
				ApplicationArchive.open(location.resource(), location.property()), this.host);
		logger.info("Running the " + description + " on Spring Boot " + classLoader.archive.getBootVersion() + " from "
				+ location.resource().getDescription() + ", in a class loader of its own");
		return classLoader;
	}

	// One of its tenants lets no new request in: once none does, the next start reads
	// the jar again, as a user who replaced it and stopped the tenants expects
	private synchronized void retire(SharedClassLoader classLoader) {
		if (--classLoader.running == 0) {
			this.classLoaders.remove(classLoader.key, classLoader);
		}
	}

	private void release(SharedClassLoader classLoader) {
		synchronized (this) {
			if (--classLoader.users > 0) {
				return;
			}
			this.classLoaders.remove(classLoader.key, classLoader);
		}
		classLoader.close();
	}

	private static <T> T onOwnThread(String what, ApplicationDefinition definition, ClassLoader classLoader,
			Callable<T> action) throws Exception {
		return onOwnThread("dispatch-" + what + "-" + definition.id(), classLoader, action);
	}

	private static <T> T onOwnThread(String name, ClassLoader classLoader, Callable<T> action) throws Exception {
		FutureTask<T> task = new FutureTask<>(action);
		Thread thread = new Thread(task, name);
		thread.setContextClassLoader(classLoader);
		thread.setDaemon(true);
		thread.start();
		try {
			return task.get();
		}
		catch (ExecutionException ex) {
			Throwable cause = ex.getCause();
			throw (cause instanceof Exception exception) ? DetachedException.detach(exception)
					: DetachedException.detach(new IllegalStateException(cause));
		}
	}

	private static void closeQuietly(IsolatedClassLoader loader) {
		try {
			loader.close();
		}
		catch (IOException ex) {
			logger.debug("Failed to close " + loader, ex);
		}
	}

	/**
	 * A class loader and the launcher it defined, with the number of its applications
	 * that let requests in, and of those that have not closed yet.
	 */
	private static final class SharedClassLoader {

		private final String key;

		private final ApplicationArchive archive;

		private final IsolatedClassLoader loader;

		private final Launcher launcher;

		private int running;

		private int users;

		SharedClassLoader(String key, ApplicationArchive archive, ClassLoader host) {
			this.key = key;
			this.archive = archive;
			this.loader = new IsolatedClassLoader("dispatch-" + key, archive.getClassPath(), host);
			try {
				this.launcher = (Launcher) this.loader.loadClass(IsolatedClassLoader.LAUNCHER_CLASS)
					.getDeclaredConstructor()
					.newInstance();
			}
			catch (ReflectiveOperationException | LinkageError ex) {
				closeQuietly(this.loader);
				archive.close();
				throw new IllegalStateException("The launcher of '" + key + "' could not be loaded: " + ex, ex);
			}
		}

		void close() {
			try {
				List<String> released = onOwnThread("dispatch-release-" + this.key, this.loader,
						this.launcher::release);
				if (!released.isEmpty()) {
					logger.info("Let go of what the applications of " + this.loader + " registered with the JDK: "
							+ released);
				}
				this.loader.close();
			}
			catch (Exception ex) {
				logger.warn("Failed to close " + this.loader, ex);
			}
			finally {
				this.archive.close();
			}
		}

	}

}
