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

package dev.dispatch.sample.backend;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;

/**
 * An application mounted under {@code /backend}: a whole Spring Boot application with its
 * own context, its own config file ({@code backend.yml}) and its own
 * {@code DispatcherServlet}, started on its first request.
 *
 * <p>
 * It keeps no data, so it leaves out the embedded database that H2 on the shared class
 * path would give it.
 *
 * @author Dispatch contributors
 */
@SpringBootApplication(exclude = DataSourceAutoConfiguration.class)
public class BackendApplication {

}
