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

package dev.dispatch.autoconfigure;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Answers {@code /whoami} with the name of the application it is part of: the
 * {@code String} bean that each test application declares.
 *
 * @author Dispatch contributors
 */
@RestController
class WhoAmIController {

	private final String name;

	WhoAmIController(String name) {
		this.name = name;
	}

	@GetMapping("/whoami")
	String whoami() {
		return this.name;
	}

}
