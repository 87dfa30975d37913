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

package dev.dispatch.benchmarks.hotpath;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The application of the hot-path benchmark, which serves {@code /hello} as the default
 * application and under the mount.
 *
 * @author Dispatch contributors
 */
public final class HotPathApplications {

	/** The body of {@code /hello} in both applications. */
	public static final String HELLO = "hello";

	/** The body of {@code /which} in the default application. */
	public static final String DEFAULT = "default";

	/** The body of {@code /which} in the mounted application. */
	public static final String MOUNT = "mount";

	/** The property whose value {@code /which} answers. */
	public static final String WHICH_PROPERTY = "hotpath.which";

	private HotPathApplications() {
	}

	/**
	 * The application, run twice: as the default application, which serves every path
	 * that the mount does not claim, and as the mounted one. The same code on both sides,
	 * so that the benchmark measures the dispatch and nothing else.
	 */
	@SpringBootConfiguration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	@Import(HelloController.class)
	public static class HotPathApplication {

	}

	@RestController
	public static class HelloController {

		private final String which;

		public HelloController(@Value("${" + WHICH_PROPERTY + "}") String which) {
			this.which = which;
		}

		@GetMapping(path = "/hello", produces = MediaType.TEXT_PLAIN_VALUE)
		public String hello() {
			return HELLO;
		}

		@GetMapping(path = "/which", produces = MediaType.TEXT_PLAIN_VALUE)
		public String which() {
			return this.which;
		}

	}

}
