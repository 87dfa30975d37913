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

import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import jakarta.servlet.ServletContext;
import org.jspecify.annotations.Nullable;

/**
 * What starts an application in a class loader of its own, as the default application
 * sees it. Its implementation is loaded by the application's class loader and links
 * against the application's Spring; this interface is the one class of the starter that
 * the application sees, so only JDK and Jakarta Servlet types cross it. For internal use
 * only.
 *
 * @author Dispatch contributors
 */
public interface Launcher {

	/**
	 * Start the application, with the calling thread's context class loader set to its
	 * class loader.
	 * @param servletContext its servlet context, to which it adds its servlet and filters
	 * @param sources its configuration classes, or empty for its jar's
	 * {@code Start-Class}
	 * @param startClass its jar's {@code Start-Class}, if it has one
	 * @param profiles its additional profiles
	 * @param properties its properties, ahead of its config files
	 * @param errorPages receives its error pages
	 * @param configFileProperties receives where each property that its config files set
	 * is set, once they are loaded; it fails the start by throwing
	 * @return what closes it
	 * @throws Exception if it fails to start
	 */
	AutoCloseable start(ServletContext servletContext, List<String> sources, String startClass, List<String> profiles,
			Map<String, String> properties, ErrorPages errorPages, Consumer<Map<String, String>> configFileProperties)
			throws Exception;

	/**
	 * Let go of what the classes of the application's class loader registered with the
	 * JDK, which would keep the class loader: JDBC drivers, bean introspection and
	 * resource bundle caches, MBeans. Called once its last application has closed.
	 * @return what was let go, for the log
	 */
	List<String> release();

	/**
	 * Receives an application's error pages.
	 */
	@FunctionalInterface
	interface ErrorPages {

		/**
		 * Add an error page.
		 * @param status the status it is for, or {@code 0}
		 * @param exception the exception it is for, or {@code null}
		 * @param path its path within the application; for the global page when neither a
		 * status nor an exception is given
		 */
		void add(int status, @Nullable Class<?> exception, String path);

	}

}
