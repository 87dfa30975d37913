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

package dev.dispatch.benchmarks.startup;

import java.util.Map;

import dev.dispatch.benchmarks.startup.StartupApplications.BootTemplate;

import org.springframework.boot.SpringApplication;

/**
 * The tenant template run as a process of its own, the alternative to dispatching: the
 * start-up benchmark times its first response.
 *
 * @author Dispatch contributors
 */
public final class SeparateProcess {

	private SeparateProcess() {
	}

	public static void main(String[] args) {
		SpringApplication application = new SpringApplication(BootTemplate.class);
		application.setDefaultProperties(
				Map.of("server.port", args[0], "spring.main.banner-mode", "off", "logging.level.root", "warn"));
		application.run();
	}

}
