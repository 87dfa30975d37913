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

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The {@link DispatchListener listeners} of the dispatched applications, which optional
 * integrations add themselves to. For internal use only.
 *
 * @author Dispatch contributors
 */
public final class DispatchListeners implements DispatchListener {

	private final List<DispatchListener> listeners = new CopyOnWriteArrayList<>();

	public void add(DispatchListener listener) {
		this.listeners.add(listener);
	}

	@Override
	public void started(ApplicationInstance instance, Duration startupTime) {
		this.listeners.forEach((listener) -> listener.started(instance, startupTime));
	}

	@Override
	public void stopped(ApplicationInstance instance, StopReason reason) {
		this.listeners.forEach((listener) -> listener.stopped(instance, reason));
	}

	@Override
	public void rejected(DispatchedApplication application) {
		this.listeners.forEach((listener) -> listener.rejected(application));
	}

}
