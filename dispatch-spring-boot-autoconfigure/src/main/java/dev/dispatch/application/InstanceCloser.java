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
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * Closes the instances of stopped applications (a tenant stopped to make room or when
 * idle, an application stopped on request, one stopped while it started): each closes
 * once its in-flight requests have finished, and is remembered until then, so that
 * shutting down closes those still busy. For internal use only.
 *
 * @author Dispatch contributors
 */
public final class InstanceCloser {

	private static final Log logger = LogFactory.getLog(InstanceCloser.class);

	private final ExecutorService executor;

	private final Set<ApplicationInstance> closing = ConcurrentHashMap.newKeySet();

	/**
	 * Create a closer.
	 * @param executor the executor that closes instances
	 */
	public InstanceCloser(ExecutorService executor) {
		this.executor = executor;
	}

	/**
	 * Close the instance of an application that was stopped while it ran, once its
	 * in-flight requests have finished, telling the listener first.
	 * @param instance the instance
	 * @param reason why it was stopped
	 * @param listener what hears of the stop
	 */
	void closeStopped(ApplicationInstance instance, StopReason reason, DispatchListener listener) {
		logger.info("Closing " + instance.getDefinition().description() + " (" + reason + ")");
		listener.stopped(instance, reason);
		close(instance);
	}

	/**
	 * Stop letting new requests in to an instance, and close it once they have finished.
	 * @param instance the instance
	 */
	void close(ApplicationInstance instance) {
		this.closing.add(instance);
		instance.onDestroyed(() -> this.closing.remove(instance));
		instance.closeWhenIdle(this::execute);
	}

	private void execute(Runnable task) {
		try {
			this.executor.execute(task);
		}
		catch (RejectedExecutionException ex) {
			// Shut down with the default application: close on the caller's thread
			task.run();
		}
	}

	/**
	 * Return the instances of a group that wait for their requests to close.
	 * @param group the group
	 * @return the closing instances
	 */
	List<ApplicationInstance> closing(ApplicationGroup group) {
		return this.closing.stream().filter((instance) -> instance.getDefinition().group() == group).toList();
	}

	/**
	 * Forget the closing instances, for the caller to close.
	 * @return the instances that were closing
	 */
	List<ApplicationInstance> drain() {
		List<ApplicationInstance> closing = new ArrayList<>(this.closing);
		this.closing.removeAll(closing);
		return closing;
	}

	void shutdown() {
		this.executor.shutdown();
	}

}
