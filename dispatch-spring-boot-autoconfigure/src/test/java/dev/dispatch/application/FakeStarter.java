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
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import dev.dispatch.web.DispatchedServletContext;
import dev.dispatch.web.ErrorPages;
import dev.dispatch.web.ServletApplication;
import dev.dispatch.web.ServletMapping;
import jakarta.servlet.http.HttpServlet;

import org.springframework.mock.web.MockServletContext;
import org.springframework.web.context.support.GenericWebApplicationContext;

/**
 * Starts instances of a bare context in place of Spring applications, and records what
 * happens to them: the lifecycle tests use it to hold a start, fail one or count them,
 * with latches rather than sleeps.
 *
 * @author Dispatch contributors
 */
class FakeStarter implements ApplicationStarter {

	private final AtomicLong sequence = new AtomicLong();

	private final Map<String, CountDownLatch> gates = new ConcurrentHashMap<>();

	private final Map<String, CountDownLatch> entered = new ConcurrentHashMap<>();

	private final Set<String> failing = ConcurrentHashMap.newKeySet();

	/**
	 * What happened, in order: {@code started <name>} and {@code closed <name>}.
	 */
	final List<String> events = new CopyOnWriteArrayList<>();

	/**
	 * Hold the starts of an application until {@link #release(String)}.
	 * @param name the application's name
	 * @return a latch that counts down once a start has begun
	 */
	CountDownLatch hold(String name) {
		this.gates.put(name, new CountDownLatch(1));
		CountDownLatch latch = new CountDownLatch(1);
		this.entered.put(name, latch);
		return latch;
	}

	void release(String name) {
		this.gates.remove(name).countDown();
	}

	void fail(String name) {
		this.failing.add(name);
	}

	void succeed(String name) {
		this.failing.remove(name);
	}

	long starts(String name) {
		return this.events.stream().filter(("started " + name)::equals).count();
	}

	@Override
	public ApplicationInstance start(ApplicationDefinition definition) {
		String name = definition.name();
		CountDownLatch entered = this.entered.get(name);
		if (entered != null) {
			entered.countDown();
		}
		CountDownLatch gate = this.gates.get(name);
		if (gate != null) {
			try {
				gate.await(30, TimeUnit.SECONDS);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}
		if (this.failing.contains(name)) {
			this.events.add("failed " + name);
			throw new DispatchedApplicationStartupException(definition.description(), definition.configurationPrefix(),
					new IllegalStateException(name + " is broken"));
		}
		this.events.add("started " + name);
		GenericWebApplicationContext context = new GenericWebApplicationContext(
				DispatchedServletContext.create(new MockServletContext(), definition.path(), name, null));
		context.refresh();
		ServletApplication servlets = new ServletApplication(definition.description(), context.getServletContext(),
				context, null, List.of(), new HttpServlet() {
				}, new ServletMapping("", "dispatcherServlet"), ErrorPages.of(context), null, true);
		ApplicationInstance instance = new ApplicationInstance(definition, this.sequence.incrementAndGet(), context,
				servlets);
		instance.onDestroyed(() -> this.events.add("closed " + name));
		return instance;
	}

	/**
	 * Return settings that start applications on threads of their own, close stopped ones
	 * on another, and give a start the given time.
	 * @param timeout how long a request waits for a start
	 * @param backoff how long a failed application answers 503
	 * @return the settings
	 */
	static StartSettings settings(Duration timeout, Duration backoff) {
		return settings(timeout, backoff,
				new StartQueue(Executors.newCachedThreadPool(FakeStarter::daemon), Integer.MAX_VALUE, 0));
	}

	/**
	 * Settings with which applications start on a queue of starts.
	 * @param timeout how long a request waits for a start
	 * @param backoff how long a failed application answers 503
	 * @param starts the queue
	 * @return the settings
	 */
	static StartSettings settings(Duration timeout, Duration backoff, StartQueue starts) {
		return new StartSettings(starts, timeout, backoff,
				new InstanceCloser(Executors.newSingleThreadExecutor(FakeStarter::daemon)), new DispatchListeners());
	}

	private static Thread daemon(Runnable task) {
		Thread thread = new Thread(task);
		thread.setDaemon(true);
		return thread;
	}

}
