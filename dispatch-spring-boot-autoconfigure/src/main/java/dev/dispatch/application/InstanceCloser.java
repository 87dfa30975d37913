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

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;

/**
 * Closes applications that were told to close while they may still serve requests (an
 * evicted tenant, a mount stopped through the endpoint, an application detached while it
 * started): each closes once its in-flight requests have finished, and is remembered
 * until then, so that shutting down closes those still busy.
 *
 * @author Dispatch contributors
 */
public final class InstanceCloser implements Executor {

	private final ExecutorService executor;

	private final Set<ApplicationInstance> closing = ConcurrentHashMap.newKeySet();

	public InstanceCloser(ExecutorService executor) {
		this.executor = executor;
	}

	/**
	 * Stop letting new requests in to an application and close it once idle.
	 * @param application the application
	 */
	void close(ApplicationInstance application) {
		this.closing.add(application);
		application.onDestroyed(() -> this.closing.remove(application));
		application.closeWhenIdle(this);
	}

	/**
	 * Return the applications of a group that are closing.
	 * @param group the group
	 * @return the closing applications
	 */
	List<ApplicationInstance> closing(String group) {
		return this.closing.stream().filter((application) -> application.getDefinition().group().equals(group)).toList();
	}

	/**
	 * Forget the closing applications, for the caller to close.
	 * @return the applications that were closing
	 */
	List<ApplicationInstance> drain() {
		List<ApplicationInstance> closing = new ArrayList<>(this.closing);
		this.closing.removeAll(closing);
		return closing;
	}

	@Override
	public void execute(Runnable task) {
		try {
			this.executor.execute(task);
		}
		catch (RejectedExecutionException ex) {
			// Shut down with the default application: close on the caller's thread
			task.run();
		}
	}

	void shutdown() {
		this.executor.shutdown();
	}

}
