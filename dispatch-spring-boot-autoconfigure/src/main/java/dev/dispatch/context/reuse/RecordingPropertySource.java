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

import java.util.HashMap;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.springframework.core.env.MapPropertySource;

/**
 * The property source of a dispatched application's own properties, which can record the
 * properties that are read from it for a while. Every read of a property's value goes
 * through {@link #getProperty(String)}, whether it comes from the environment or from a
 * {@code Binder}: Boot's configuration property sources adapt this source, they do not
 * copy its values.
 *
 * @author Dispatch contributors
 */
public final class RecordingPropertySource extends MapPropertySource {

	private volatile @Nullable Map<String, @Nullable Object> reads;

	public RecordingPropertySource(String name, Map<String, Object> source) {
		super(name, source);
	}

	/**
	 * Start recording the properties that are read, with their values.
	 */
	void startRecording() {
		this.reads = new HashMap<>();
	}

	/**
	 * Stop recording.
	 * @return the properties read since recording started, with the values they had,
	 * {@code null} for those that the source does not have
	 */
	Map<String, @Nullable Object> stopRecording() {
		Map<String, @Nullable Object> reads = this.reads;
		this.reads = null;
		return (reads != null) ? reads : Map.of();
	}

	@Override
	public @Nullable Object getProperty(String name) {
		Object value = super.getProperty(name);
		Map<String, @Nullable Object> reads = this.reads;
		if (reads != null) {
			synchronized (reads) {
				reads.put(name, value);
			}
		}
		return value;
	}

}
