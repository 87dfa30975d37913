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

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link DispatchPaths}.
 *
 * @author Dispatch contributors
 */
class DispatchPathsTests {

	@ParameterizedTest(name = "{0} -> {1}")
	@CsvSource(nullValues = "-", textBlock = """
			/,                    /
			/backend/x,           /backend/x
			/backend/x/,          /backend/x/
			/a.b/c..d/.e,         /a.b/c..d/.e
			/backend/../x,        /x
			/backend/./x,         /backend/x
			/backend//x,          /backend/x
			//backend/x,          /backend/x
			/backend;a=b/x,       /backend/x
			/backend;jsessionid=1,/backend
			/public/../backend/x, /backend/x
			/backend/x/..,        /backend/
			/backend/.,           /backend/
			/..,                  -
			/a/../../b,           -
			'',                   /
			""")
	void normalizesAsAContainerDoes(String path, String normalized) {
		assertThat(DispatchPaths.normalize(path)).isEqualTo(normalized);
	}

	@Test
	void leavesANormalizedPathAsItIs() {
		String path = "/backend/x/y";
		assertThat(DispatchPaths.normalize(path)).isSameAs(path);
	}

	@ParameterizedTest(name = "{0} in {1} -> {2}")
	@CsvSource(textBlock = """
			/backend/x,              /backend,     8
			/backend,                /backend,     8
			/backend;jsessionid=1/x, /backend,     21
			/back%65nd/x,            /backend,     10
			/api;v=1/v2;x/users,     /api/v2,      13
			/public/../backend/x,    /backend,     -1
			//backend/x,             /backend,     -1
			/backend%2Fx,            /backend,     -1
			/backend%zz/x,           /backend,     -1
			/api/v3/x,               /api/v2,      -1
			""")
	void findsWhereTheMountEndsInTheRawPath(String rawPath, String mountPath, int length) {
		assertThat(DispatchPaths.rawPrefixLength(rawPath, mountPath)).isEqualTo(length);
	}

	@ParameterizedTest(name = "{0} -> {1}")
	@CsvSource(textBlock = """
			/backend/x/y,        true
			/backend/x/,         true
			/backend,            true
			/backend/x;a=b/y,    true
			/backend/a.b/c..d,   true
			/backend/../x,       false
			/backend/a/./x,      false
			/backend/a//x,       false
			/backend/%2e%2e/x,   false
			/backend/%2E/x,      false
			/backend/..;a=b/x,   false
			/backend/%zz,        false
			""")
	void detectsSegmentsThatTheContainerWouldHaveResolved(String rawPath, boolean clean) {
		assertThat(DispatchPaths.isClean(rawPath, "/backend".length())).isEqualTo(clean);
	}

}
