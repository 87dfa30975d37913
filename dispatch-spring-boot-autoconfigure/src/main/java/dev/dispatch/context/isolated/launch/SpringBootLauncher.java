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

package dev.dispatch.context.isolated.launch;

import java.beans.Introspector;
import java.lang.management.ManagementFactory;
import java.sql.Driver;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ResourceBundle;
import java.util.Set;
import java.util.function.Consumer;

import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.ObjectName;

import dev.dispatch.context.isolated.Launcher;
import jakarta.servlet.ServletContext;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.Banner;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.context.logging.LoggingApplicationListener;
import org.springframework.boot.env.OriginTrackedMapPropertySource;
import org.springframework.boot.origin.Origin;
import org.springframework.boot.origin.OriginLookup;
import org.springframework.boot.support.AnsiOutputApplicationListener;
import org.springframework.boot.web.context.servlet.AnnotationConfigServletWebApplicationContext;
import org.springframework.boot.web.error.ErrorPage;
import org.springframework.boot.web.error.ErrorPageRegistrar;
import org.springframework.boot.web.servlet.ServletContextInitializer;
import org.springframework.boot.web.servlet.ServletContextInitializerBeans;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.annotation.AnnotationAwareOrderComparator;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.PropertySource;
import org.springframework.core.io.DefaultResourceLoader;
import org.springframework.util.ClassUtils;
import org.springframework.web.context.WebApplicationContext;

/**
 * Starts a Spring Boot application in its own class loader: this class is defined by that
 * class loader, so it runs the application's Spring Boot, whichever 4.x release that is.
 * It starts it as the embedded server of a Boot application would, without the server:
 * its servlet context initializers add its servlet and filters to the servlet context it
 * is given. As for any dispatched application, it prints no banner, registers no shutdown
 * hook and leaves the process's logging alone. It uses only API that every Boot 4 release
 * has. It repeats a little of {@code DispatchedSpringApplication} rather than share it: a
 * class that both used would have to live in this package, defined again for each
 * application, and would bring the default application's start-up optimizations along.
 *
 * @author Dispatch contributors
 */
public final class SpringBootLauncher implements Launcher {

	// What reconfigures the process's logging and ANSI output. Linked, not named: a Boot
	// release that moved them would fail every start rather than reset the logging
	private static final Set<Class<?>> PROCESS_WIDE_LISTENERS = Set.of(LoggingApplicationListener.class,
			AnsiOutputApplicationListener.class);

	private static final String PROPERTY_SOURCE_NAME = "dispatchedApplicationProperties";

	@Override
	public AutoCloseable start(ServletContext servletContext, List<String> sources, String startClass,
			List<String> profiles, Map<String, String> properties, ErrorPages errorPages,
			Consumer<Map<String, String>> configFileProperties) throws Exception {
		ClassLoader classLoader = getClass().getClassLoader();
		List<Class<?>> classes = new ArrayList<>();
		for (String source : sources.isEmpty() ? List.of(startClass) : sources) {
			classes.add(ClassUtils.forName(source, classLoader));
		}
		Application application = new Application(classLoader, classes, properties, configFileProperties);
		application.setApplicationContextFactory((type) -> {
			AnnotationConfigServletWebApplicationContext context = new AnnotationConfigServletWebApplicationContext();
			context.setServletContext(servletContext);
			servletContext.setAttribute(WebApplicationContext.ROOT_WEB_APPLICATION_CONTEXT_ATTRIBUTE, context);
			return context;
		});
		application.setAdditionalProfiles(profiles.toArray(new String[0]));
		ConfigurableApplicationContext context = application.start();
		try {
			for (ServletContextInitializer initializer : new ServletContextInitializerBeans(context.getBeanFactory())) {
				initializer.onStartup(servletContext);
			}
			List<ErrorPageRegistrar> registrars = new ArrayList<>(
					context.getBeansOfType(ErrorPageRegistrar.class, false, false).values());
			AnnotationAwareOrderComparator.sort(registrars);
			for (ErrorPageRegistrar registrar : registrars) {
				registrar.registerErrorPages((pages) -> {
					for (ErrorPage page : pages) {
						errorPages.add(page.getStatusCode(), page.getException(), page.getPath());
					}
				});
			}
		}
		catch (Exception ex) {
			context.close();
			throw ex;
		}
		return context::close;
	}

	@Override
	public List<String> release() {
		ClassLoader classLoader = getClass().getClassLoader();
		List<String> released = new ArrayList<>();
		// As Tomcat's JdbcLeakPrevention: DriverManager lists the drivers that its caller
		// can see, and keeps each, and through it its class loader, until deregistered
		for (Driver driver : Collections.list(DriverManager.getDrivers())) {
			if (driver.getClass().getClassLoader() == classLoader) {
				try {
					DriverManager.deregisterDriver(driver);
					released.add("JDBC driver " + driver.getClass().getName());
				}
				catch (SQLException ex) {
					released.add("not the JDBC driver " + driver.getClass().getName() + " (" + ex + ")");
				}
			}
		}
		MBeanServer server = ManagementFactory.getPlatformMBeanServer();
		for (ObjectName name : server.queryNames(null, null)) {
			try {
				if (server.getClassLoaderFor(name) == classLoader) {
					server.unregisterMBean(name);
					released.add("MBean " + name);
				}
			}
			catch (JMException ex) {
				// Unregistered meanwhile
			}
		}
		ResourceBundle.clearCache(classLoader);
		Introspector.flushCaches();
		return released;
	}

	/**
	 * The application, with none of the process-wide effects of a second Boot
	 * application.
	 */
	private static final class Application extends SpringApplication {

		private final Map<String, String> properties;

		private final Consumer<Map<String, String>> configFileProperties;

		private @Nullable RuntimeException failure;

		Application(ClassLoader classLoader, List<Class<?>> sources, Map<String, String> properties,
				Consumer<Map<String, String>> configFileProperties) {
			super(new DefaultResourceLoader(classLoader), sources.toArray(new Class<?>[0]));
			this.properties = properties;
			this.configFileProperties = configFileProperties;
			setMainApplicationClass(sources.get(0));
			setWebApplicationType(WebApplicationType.SERVLET);
			setListeners(getListeners().stream()
				.filter((listener) -> !PROCESS_WIDE_LISTENERS.contains(listener.getClass()))
				.toList());
			// A closed application's meter registry in Micrometer's global registry would
			// keep its whole context
			setDefaultProperties(Map.of("management.metrics.use-global-registry", "false"));
			setBannerMode(Banner.Mode.OFF);
			setLogStartupInfo(false);
			setRegisterShutdownHook(false);
		}

		ConfigurableApplicationContext start() {
			try {
				return run();
			}
			catch (AbandonedRunException ex) {
				ConfigurableApplicationContext context = ex.getApplicationContext();
				if (context != null) {
					context.close();
				}
				throw (this.failure != null) ? this.failure : ex;
			}
		}

		@Override
		protected void configurePropertySources(ConfigurableEnvironment environment, String[] args) {
			super.configurePropertySources(environment, args);
			environment.getPropertySources()
				.addFirst(new MapPropertySource(PROPERTY_SOURCE_NAME, new LinkedHashMap<>(this.properties)));
		}

		@Override
		protected void bindToSpringApplication(ConfigurableEnvironment environment) {
			// Its config files are loaded
			Map<String, String> configFileProperties = new LinkedHashMap<>();
			for (PropertySource<?> source : environment.getPropertySources()) {
				if (source instanceof OriginTrackedMapPropertySource configFile) {
					for (String name : configFile.getPropertyNames()) {
						Origin origin = OriginLookup.getOrigin(configFile, name);
						configFileProperties.putIfAbsent(name,
								(origin != null) ? origin.toString() : configFile.getName());
					}
				}
			}
			try {
				this.configFileProperties.accept(configFileProperties);
			}
			catch (RuntimeException ex) {
				this.failure = ex;
				throw new AbandonedRunException();
			}
			super.bindToSpringApplication(environment);
			// spring.main.* in its config files must not bring these back
			setBannerMode(Banner.Mode.OFF);
			setRegisterShutdownHook(false);
		}

		@Override
		protected void refresh(ConfigurableApplicationContext applicationContext) {
			try {
				super.refresh(applicationContext);
			}
			catch (RuntimeException ex) {
				// Abandoned, so that SpringApplication does not log the failure: the
				// default application logs it once
				this.failure = ex;
				throw new AbandonedRunException(applicationContext);
			}
		}

	}

}
