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

package dev.dispatch.application;

import java.util.List;

import org.springframework.core.io.Resource;

/**
 * Where an application that runs in a class loader of its own is: an executable Spring
 * Boot jar, or a folder that holds an exploded one. For internal use only.
 *
 * @param resource the jar or folder
 * @param property the property that names it, for error messages
 * @param sources its configuration classes by name, or empty for its jar's
 * {@code Start-Class}
 * @author Dispatch contributors
 */
public record ApplicationLocation(Resource resource, String property, List<String> sources) {

}
