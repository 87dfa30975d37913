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

package dev.dispatch.web;

import java.util.EnumSet;
import java.util.List;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link ApplicationFilter}.
 *
 * @author Dispatch contributors
 */
class ApplicationFilterTests {

	@ParameterizedTest(name = "{0} on {1} -> {2}")
	@CsvSource(textBlock = """
			/*,         /x/y,        true
			/,          /x/y,        true
			/api/*,     /api,        true
			/api/*,     /api/x,      true
			/api/*,     /apix,       false
			*.json,     /x/y.json,   true
			*.json,     /x.json/y,   false
			*.json,     /x/y.jsonx,  false
			/exact,     /exact,      true
			/exact,     /exact/x,    false
			'',         /,           true
			'',         /x,          false
			""")
	void matchesUrlPatternsAsTheServletSpecificationDoes(String pattern, String path, boolean matches) {
		assertThat(ApplicationFilter.matches(pattern, path)).isEqualTo(matches);
	}

	@Test
	void appliesOnlyToItsDispatcherTypes() {
		ApplicationFilter filter = new ApplicationFilter("f", (request, response, chain) -> {
		}, EnumSet.of(DispatcherType.REQUEST), List.of("/*"), List.of());
		assertThat(filter.matches(DispatcherType.REQUEST, "/x", "dispatcherServlet")).isTrue();
		assertThat(filter.matches(DispatcherType.ASYNC, "/x", "dispatcherServlet")).isFalse();
	}

	@Test
	void appliesToItsServletsWhateverThePath() {
		Filter noop = (request, response, chain) -> {
		};
		ApplicationFilter filter = new ApplicationFilter("f", noop, EnumSet.of(DispatcherType.REQUEST), List.of(),
				List.of("dispatcherServlet"));
		assertThat(filter.matches(DispatcherType.REQUEST, "/anything", "dispatcherServlet")).isTrue();
		assertThat(filter.matches(DispatcherType.REQUEST, "/anything", "other")).isFalse();
	}

}
