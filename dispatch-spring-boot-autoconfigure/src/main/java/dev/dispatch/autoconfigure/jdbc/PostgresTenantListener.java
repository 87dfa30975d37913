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

package dev.dispatch.autoconfigure.jdbc;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;

import javax.sql.DataSource;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;

import org.springframework.context.SmartLifecycle;

/**
 * Listens on the PostgreSQL channel {@code dispatch_tenants}, which the starter's schema
 * notifies of every inserted, updated and deleted row, and brings the changes to the
 * tenants at once rather than at the next refresh. It holds one connection of the default
 * application's pool, and gets another when that one fails.
 *
 * @author Dispatch contributors
 */
final class PostgresTenantListener implements SmartLifecycle {

	static final String CHANNEL = "dispatch_tenants";

	private static final Log logger = LogFactory.getLog(PostgresTenantListener.class);

	private static final int WAIT_MILLIS = 1000;

	private static final Duration RECONNECT = Duration.ofSeconds(5);

	private final DataSource dataSource;

	private final JdbcTenantRefresher refresher;

	private volatile @Nullable Thread thread;

	PostgresTenantListener(DataSource dataSource, JdbcTenantRefresher refresher) {
		this.dataSource = dataSource;
		this.refresher = refresher;
	}

	@Override
	public synchronized void start() {
		Thread thread = new Thread(this::listen, "dispatch-tenants-listen");
		thread.setDaemon(true);
		this.thread = thread;
		thread.start();
	}

	private void listen() {
		boolean failing = false;
		while (this.thread == Thread.currentThread()) {
			try (Connection connection = this.dataSource.getConnection()) {
				PGConnection postgres = connection.unwrap(PGConnection.class);
				try (Statement statement = connection.createStatement()) {
					statement.execute("LISTEN " + CHANNEL);
				}
				if (failing) {
					logger.info("Listening on " + CHANNEL + " again");
					failing = false;
				}
				// Changes made while nobody listened
				this.refresher.refresh();
				while (this.thread == Thread.currentThread()) {
					PGNotification[] notifications = postgres.getNotifications(WAIT_MILLIS);
					if (notifications != null && notifications.length > 0) {
						this.refresher.refresh();
					}
				}
			}
			catch (SQLException | RuntimeException ex) {
				if (this.thread != Thread.currentThread()) {
					return;
				}
				if (!failing) {
					logger.warn("Failed to listen on " + CHANNEL + "; trying again every " + RECONNECT.toSeconds()
							+ "s, and the refresh interval still applies: " + ex.getMessage());
					failing = true;
				}
				if (!pause()) {
					return;
				}
			}
		}
	}

	// Waits before the next connection, unless stopped meanwhile
	private synchronized boolean pause() {
		try {
			wait(RECONNECT.toMillis());
			return this.thread == Thread.currentThread();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return false;
		}
	}

	@Override
	public synchronized void stop() {
		Thread thread = this.thread;
		this.thread = null;
		notifyAll();
		if (thread != null) {
			thread.interrupt();
		}
	}

	@Override
	public boolean isRunning() {
		return this.thread != null;
	}

}
