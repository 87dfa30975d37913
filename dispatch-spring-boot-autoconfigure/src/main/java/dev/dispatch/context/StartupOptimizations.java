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

package dev.dispatch.context;

/**
 * What dispatched applications do to start faster and hold less than a Spring Boot
 * application of their own would, each of which can be turned off, so that an upgrade of
 * Spring that breaks one can be met with plain Spring behaviour until a release mends it.
 * None of them changes what an application does; each relies on details of Spring that
 * {@code docs/internals.md} lists. For internal use only.
 *
 * @param sharedClassMetadata read the metadata of class files once per process, for every
 * application's configuration class processing and scans
 * @param sharedConversionService convert with Boot's shared conversion service until an
 * application registers a converter of its own, rather than give each application a copy
 * @param releaseStartupState let go of the condition evaluation report and of how each
 * singleton was created once an application has started
 * @param keepCommonCaches leave Spring's process-wide reflection and annotation caches to
 * the applications that start next, rather than clear them at every refresh
 * @param sharedTemplateParsers let the Thymeleaf template engines of the applications
 * parse with parsers shared by all of them, rather than each keep its own
 * @author Dispatch contributors
 */
public record StartupOptimizations(boolean sharedClassMetadata, boolean sharedConversionService,
		boolean releaseStartupState, boolean keepCommonCaches, boolean sharedTemplateParsers) {

	/**
	 * Every optimisation.
	 */
	public static final StartupOptimizations ALL = new StartupOptimizations(true, true, true, true, true);

	/**
	 * No optimisation: plain Spring behaviour.
	 */
	public static final StartupOptimizations NONE = new StartupOptimizations(false, false, false, false, false);

}
