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

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.thymeleaf.TemplateEngine;
import org.thymeleaf.context.Context;
import org.thymeleaf.dialect.AbstractDialect;
import org.thymeleaf.templatemode.TemplateMode;
import org.thymeleaf.templateparser.ITemplateParser;
import org.thymeleaf.templateresolver.StringTemplateResolver;

import org.springframework.context.support.GenericApplicationContext;
import org.springframework.web.context.support.ServletRequestHandledEvent;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the sharing of Thymeleaf's parsers relies on: the parser fields of Thymeleaf's
 * {@code TemplateManager}, which an upgrade of Thymeleaf may change; that engines parse
 * with the shared parsers only once they have initialized themselves; and that the text
 * parsers are shared only between engines that agree on the standard dialect.
 *
 * @author Dispatch contributors
 */
class SharedTemplateParsersTests {

	@Test
	void templateManagerHasAParserOfItsOwnForEachTemplateMode() {
		List<ITemplateParser> parsers = SharedTemplateParsers.parsersOf(initialized(engine()));
		assertThat(parsers).hasSize(TemplateMode.values().length).doesNotContainNull().doesNotHaveDuplicates();
		assertThat(SharedTemplateParsers.parsersOf(initialized(engine()))).doesNotContainAnyElementsOf(parsers);
	}

	@Test
	void enginesParseWithTheParsersOfTheFirstAndRenderTheirOwnTemplates() {
		SharedTemplateParsers sharing = new SharedTemplateParsers();
		TemplateEngine first = initialized(engine());
		List<ITemplateParser> parsers = SharedTemplateParsers.parsersOf(first);
		TemplateEngine second = initialized(engine());
		assertThat(sharing.share(first)).isTrue();
		assertThat(sharing.share(second)).isTrue();
		assertThat(SharedTemplateParsers.parsersOf(first)).isEqualTo(parsers);
		assertThat(SharedTemplateParsers.parsersOf(second)).isEqualTo(parsers);
		Context context = new Context();
		context.setVariable("who", "second");
		assertThat(second.process("<p th:text=\"${who}\">?</p>", context)).isEqualTo("<p>second</p>");
		context.setVariable("who", "first");
		assertThat(first.process("[(${who})] in text", context)).isEqualTo("first in text");
	}

	@Test
	void engineWithoutTheStandardDialectDoesNotGetTheTextParsersOfOneWithIt() {
		SharedTemplateParsers sharing = new SharedTemplateParsers();
		TemplateEngine standard = initialized(engine());
		TemplateEngine plain = engine();
		plain.setDialect(new AbstractDialect("plain") {
		});
		initialized(plain);
		sharing.share(standard);
		sharing.share(plain);
		assertThat(SharedTemplateParsers.parsersOf(plain))
			.doesNotContainAnyElementsOf(SharedTemplateParsers.parsersOf(standard));
		TemplateEngine secondPlain = engine();
		secondPlain.setDialect(new AbstractDialect("plain") {
		});
		sharing.share(initialized(secondPlain));
		assertThat(SharedTemplateParsers.parsersOf(secondPlain)).isEqualTo(SharedTemplateParsers.parsersOf(plain));
	}

	@Test
	void applicationsEnginesParseWithTheSharedParsersAfterTheFirstRequestThatFindsThemInitialized() {
		SharedTemplateParsers sharing = new SharedTemplateParsers();
		TemplateEngine first = initialized(engine());
		sharing.share(first);
		TemplateEngine engine = engine();
		try (GenericApplicationContext context = new GenericApplicationContext()) {
			context.registerBean(TemplateEngine.class, () -> engine);
			sharing.attach(context);
			context.refresh();
			context.publishEvent(requestHandled(context));
			// Never initialized for the sharing: it could not be configured further
			assertThat(engine.isInitialized()).isFalse();
			assertThat(context.getApplicationListeners()).hasSize(1);
			initialized(engine);
			context.publishEvent(requestHandled(context));
			assertThat(SharedTemplateParsers.parsersOf(engine)).isEqualTo(SharedTemplateParsers.parsersOf(first));
			assertThat(context.getApplicationListeners()).isEmpty();
		}
	}

	private static ServletRequestHandledEvent requestHandled(Object source) {
		return new ServletRequestHandledEvent(source, "/page", "127.0.0.1", "GET", "dispatcherServlet", null, null, 1);
	}

	private static TemplateEngine engine() {
		TemplateEngine engine = new TemplateEngine();
		StringTemplateResolver resolver = new StringTemplateResolver();
		resolver.setTemplateMode(TemplateMode.HTML);
		engine.setTemplateResolver(resolver);
		return engine;
	}

	private static TemplateEngine initialized(TemplateEngine engine) {
		engine.process("<p>initialized</p>", new Context(null, Map.of()));
		return engine;
	}

}
