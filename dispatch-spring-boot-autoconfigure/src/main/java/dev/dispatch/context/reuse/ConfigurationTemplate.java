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

package dev.dispatch.context.reuse;

import java.util.concurrent.atomic.AtomicReference;

import org.jspecify.annotations.Nullable;

/**
 * The applications of a template: the tenants of one group with the same sources and
 * parent. Holds what processing their configuration classes produced once the first has
 * recorded it, or that it cannot be reused. For internal use only.
 *
 * @author Dispatch contributors
 */
public final class ConfigurationTemplate {

	private static final Object NOT_REUSABLE = new Object();

	private final AtomicReference<@Nullable Object> configuration = new AtomicReference<>();

	/**
	 * Return a template whose applications process their configuration classes without
	 * recording them: a mount, which is one of a kind, or a tenant of a group that does
	 * not reuse configuration processing.
	 * @return the template
	 */
	public static ConfigurationTemplate unique() {
		ConfigurationTemplate template = new ConfigurationTemplate();
		template.configuration.set(NOT_REUSABLE);
		return template;
	}

	@Nullable RecordedConfiguration get() {
		return (this.configuration.get() instanceof RecordedConfiguration recorded) ? recorded : null;
	}

	boolean isRecorded() {
		return this.configuration.get() != null;
	}

	void recorded(@Nullable RecordedConfiguration configuration) {
		this.configuration.compareAndSet(null, (configuration != null) ? configuration : NOT_REUSABLE);
	}

}
