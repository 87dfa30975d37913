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

package com.example.notes;

import java.util.Map;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Notes, built to run on its own; each tenant of a group of notes has an owner.
 *
 * @author Dispatch contributors
 */
@SpringBootApplication
@RestController
public class NotesApplication {

	private final String owner;

	public NotesApplication(@Value("${notes.owner}") String owner) {
		this.owner = owner;
	}

	@GetMapping("/")
	public Map<String, Object> notes() {
		ClassLoader classLoader = getClass().getClassLoader();
		return Map.of("owner", this.owner, "classLoader", System.identityHashCode(classLoader));
	}

	public static void main(String[] args) {
		SpringApplication.run(NotesApplication.class, args);
	}

}
