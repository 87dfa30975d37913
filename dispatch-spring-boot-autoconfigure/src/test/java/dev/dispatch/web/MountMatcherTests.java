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

import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link MountMatcher}.
 *
 * @author Dispatch contributors
 */
class MountMatcherTests {

	private final MountMatcher<String> matcher = new MountMatcher<>(mounts("/a", "/a/b", "/api/v2", "/backend"));

	@ParameterizedTest(name = "{0} -> {1}")
	@CsvSource(nullValues = "-", textBlock = """
			/a,             /a
			/a/,            /a
			/a/x,           /a
			/a/b,           /a/b
			/a/b/c,         /a/b
			/a/bc,          /a
			/ab,            -
			/,              -
			/b,             -
			/api,           -
			/api/v2,        /api/v2
			/api/v2/users,  /api/v2
			/api/v20,       -
			/api/v,         -
			/backend/x/y,   /backend
			/BACKEND/x,     -
			/backendx,      -
			/backend.json,  -
			""")
	void matchesTheLongestMountOnWholeSegments(String path, String mount) {
		assertThat(this.matcher.match(path)).isEqualTo(mount);
	}

	@ParameterizedTest(name = "{0} mounts")
	@CsvSource({ "1", "10", "1000", "10000" })
	void findsEveryMountAmongMany(int count) {
		Map<String, String> mounts = new LinkedHashMap<>();
		for (int i = 0; i < count; i++) {
			mounts.put("/t/tenant" + i, "tenant" + i);
		}
		MountMatcher<String> matcher = new MountMatcher<>(mounts);
		for (int i = 0; i < count; i++) {
			assertThat(matcher.match("/t/tenant" + i + "/x")).isEqualTo("tenant" + i);
		}
		assertThat(matcher.match("/t/tenant" + count)).isNull();
		assertThat(matcher.match("/t")).isNull();
	}

	@ParameterizedTest(name = "{0}")
	@CsvSource({ "/a/b/c/d/e/f", "/x/y/z" })
	void matchesNothingWithoutMounts(String path) {
		assertThat(new MountMatcher<String>(Map.of()).match(path)).isNull();
	}

	private static Map<String, String> mounts(String... paths) {
		Map<String, String> mounts = new LinkedHashMap<>();
		for (String path : paths) {
			mounts.put(path, path);
		}
		return mounts;
	}

}
