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

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The two applications of the hot-path benchmark: the default application, which serves
 * {@code /hello} itself, and the mounted one, which serves {@code /hello} under the
 * mount. Neither scans for components, so neither picks up the other's controller.
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

	private HotPathApplications() {
	}

	/**
	 * The default application: serves every path that the mount does not claim.
	 */
	@SpringBootConfiguration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	@Import(DefaultController.class)
	public static class DefaultApplication {

	}

	/**
	 * The mounted application, started by the dispatch layer in a context of its own.
	 */
	@SpringBootConfiguration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	@Import(MountController.class)
	public static class MountedApplication {

	}

	@RestController
	public static class DefaultController {

		@GetMapping(path = "/hello", produces = MediaType.TEXT_PLAIN_VALUE)
		public String hello() {
			return HELLO;
		}

		@GetMapping(path = "/which", produces = MediaType.TEXT_PLAIN_VALUE)
		public String which() {
			return DEFAULT;
		}

	}

	@RestController
	public static class MountController {

		@GetMapping(path = "/hello", produces = MediaType.TEXT_PLAIN_VALUE)
		public String hello() {
			return HELLO;
		}

		@GetMapping(path = "/which", produces = MediaType.TEXT_PLAIN_VALUE)
		public String which() {
			return MOUNT;
		}

	}

}
