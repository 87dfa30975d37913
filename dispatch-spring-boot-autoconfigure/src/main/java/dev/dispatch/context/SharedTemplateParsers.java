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

package dev.dispatch.context;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import org.thymeleaf.TemplateEngine;
import org.thymeleaf.engine.TemplateManager;
import org.thymeleaf.templateparser.ITemplateParser;

import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.util.ClassUtils;
import org.springframework.web.context.support.ServletRequestHandledEvent;

/**
 * Lets the Thymeleaf template engines of dispatched applications parse with the parsers
 * of the first engine that initialized, instead of each keeping six of its own. Thymeleaf
 * 3.1's {@code TemplateManager} creates, for every engine, one parser per template mode,
 * each with a pool of 40 buffers of 2,048 characters allocated up front: about 960 KiB
 * per application that renders a template, almost a third of a tenant of a typical size.
 * <p>
 * Sharing them is safe: a parser keeps nothing of a parse but the buffers it hands back
 * to its pool, and reads only the part of a buffer that it filled; everything of an
 * engine (its configuration, template resolvers, dialects, caches) is passed to the
 * parser with each parse. Thymeleaf's parsers are made for concurrent parses of one
 * engine; those of many engines are no different. Only the text parsers depend on the
 * engine, on whether its standard dialect is present, which keys the shared parsers.
 * <p>
 * It relies on {@code TemplateManager}'s private final fields named in
 * {@link #PARSER_FIELDS} (Thymeleaf 3.1.5), written reflectively once an engine has
 * initialized, which Thymeleaf does on its first template, during a request: this class
 * swaps the parsers after the first request whose engines have initialized, and never
 * initializes an engine itself (an engine cannot be configured further afterwards). If
 * the fields change or cannot be written, the sharing turns itself off, logging why once:
 * applications keep their own parsers, nothing else changes;
 * {@code SharedTemplateParsersTests} fails.
 * {@code dispatch.optimizations.shared-template-parsers} turns it off.
 *
 * @author Dispatch contributors
 */
final class SharedTemplateParsers {

	/**
	 * The class that Thymeleaf's engines must be able to load for the sharing.
	 */
	static final String TEMPLATE_MANAGER_CLASS = "org.thymeleaf.engine.TemplateManager";

	/**
	 * {@code TemplateManager}'s parsers, one per template mode, which its constructor
	 * creates.
	 */
	static final List<String> PARSER_FIELDS = List.of("htmlParser", "xmlParser", "textParser", "javascriptParser",
			"cssParser", "rawParser");

	private static final Log logger = LogFactory.getLog(SharedTemplateParsers.class);

	private final @Nullable List<Field> fields;

	// By whether the engine's standard dialect is present, on which the text parsers
	// depend
	private final Map<Boolean, List<ITemplateParser>> parsers = new ConcurrentHashMap<>();

	private volatile boolean failed;

	SharedTemplateParsers() {
		this.fields = parserFields();
	}

	/**
	 * Return whether Thymeleaf is on a class path.
	 * @param classLoader the class loader of the applications
	 * @return whether their engines' template manager can be loaded
	 */
	static boolean isPresent(@Nullable ClassLoader classLoader) {
		return ClassUtils.isPresent(TEMPLATE_MANAGER_CLASS, classLoader);
	}

	/**
	 * Share the parsers with the template engines of an application that is about to
	 * refresh, once they have initialized.
	 * @param context the application's context
	 */
	void attach(ConfigurableApplicationContext context) {
		if (this.fields != null && !this.failed) {
			context.addApplicationListener(new FirstRequests(context));
		}
	}

	/**
	 * Let an initialized engine parse with the shared parsers; the first engine's become
	 * the shared ones.
	 * @param engine the engine
	 * @return whether the engine parses with the shared parsers
	 */
	boolean share(TemplateEngine engine) {
		List<Field> fields = this.fields;
		if (fields == null || this.failed) {
			return false;
		}
		TemplateManager manager = engine.getConfiguration().getTemplateManager();
		try {
			List<ITemplateParser> own = read(fields, manager);
			List<ITemplateParser> shared = this.parsers
				.computeIfAbsent(engine.getConfiguration().isStandardDialectPresent(), (present) -> own);
			if (shared != own) {
				for (int i = 0; i < fields.size(); i++) {
					fields.get(i).set(manager, shared.get(i));
				}
			}
			return true;
		}
		catch (IllegalAccessException | RuntimeException ex) {
			// A JDK that refuses to write final fields, for example
			this.failed = true;
			logger.info("Thymeleaf's template engines of dispatched applications keep parsers of their own: "
					+ "the parsers of " + TEMPLATE_MANAGER_CLASS + " cannot be replaced (" + ex + ")");
			return false;
		}
	}

	/**
	 * Return the parsers of an initialized engine, as the sharing reads them: what the
	 * tests of the sharing check after an upgrade of Thymeleaf.
	 * @param engine the engine
	 * @return its parsers, one per template mode
	 * @throws IllegalStateException if Thymeleaf's template manager does not have the
	 * fields that the sharing relies on
	 */
	static List<ITemplateParser> parsersOf(TemplateEngine engine) {
		List<Field> fields = parserFields();
		if (fields == null) {
			throw new IllegalStateException(TEMPLATE_MANAGER_CLASS + " does not have the fields " + PARSER_FIELDS);
		}
		try {
			return read(fields, engine.getConfiguration().getTemplateManager());
		}
		catch (IllegalAccessException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static List<ITemplateParser> read(List<Field> fields, TemplateManager manager)
			throws IllegalAccessException {
		List<ITemplateParser> parsers = new ArrayList<>(fields.size());
		for (Field field : fields) {
			parsers.add((ITemplateParser) field.get(manager));
		}
		return parsers;
	}

	private static @Nullable List<Field> parserFields() {
		List<Field> fields = new ArrayList<>();
		try {
			for (String name : PARSER_FIELDS) {
				Field field = TemplateManager.class.getDeclaredField(name);
				if (Modifier.isStatic(field.getModifiers()) || field.getType() != ITemplateParser.class) {
					throw new NoSuchFieldException(name + " is not an instance field of type ITemplateParser");
				}
				field.setAccessible(true);
				fields.add(field);
			}
			return fields;
		}
		catch (NoSuchFieldException | RuntimeException ex) {
			logger.info("Thymeleaf's template engines of dispatched applications keep parsers of their own: "
					+ TEMPLATE_MANAGER_CLASS + " does not have the parsers expected (" + ex + ")");
			return null;
		}
	}

	/**
	 * Shares the parsers with an application's engines after the first request that finds
	 * them initialized, then stops listening.
	 */
	private final class FirstRequests implements ApplicationListener<ServletRequestHandledEvent> {

		private final ConfigurableApplicationContext context;

		private volatile @Nullable List<TemplateEngine> waiting;

		private FirstRequests(ConfigurableApplicationContext context) {
			this.context = context;
		}

		@Override
		public void onApplicationEvent(ServletRequestHandledEvent event) {
			List<TemplateEngine> engines = this.waiting;
			if (engines == null) {
				engines = new CopyOnWriteArrayList<>(
						this.context.getBeansOfType(TemplateEngine.class, false, false).values());
				this.waiting = engines;
			}
			engines.removeIf((engine) -> {
				if (!engine.isInitialized()) {
					return false;
				}
				share(engine);
				return true;
			});
			if (engines.isEmpty()) {
				this.context.removeApplicationListener(this);
			}
		}

	}

}
