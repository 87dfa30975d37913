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

import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;

import dev.dispatch.application.ApplicationGroup;
import dev.dispatch.autoconfigure.TenantDefinition;
import dev.dispatch.autoconfigure.TenantDirectory;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.util.ClassUtils;
import org.springframework.util.StringUtils;

/**
 * The tenants of one group, as rows of the table of tenants: a row whose {@code enabled}
 * is true is a tenant. What it last read of each key stands in for the database while the
 * database is down: a running tenant keeps serving and a stopped one starts from its last
 * definition, and only a key never read gets a 503.
 *
 * @author Dispatch contributors
 */
final class JdbcTenantDirectory implements TenantDirectory {

	private static final Log logger = LogFactory.getLog(JdbcTenantDirectory.class);

	private final JdbcTemplate jdbc;

	private final ApplicationGroup group;

	private final String selectOne;

	private final String selectVersions;

	private final ClassLoader classLoader;

	private final Map<String, Row> read = new ConcurrentHashMap<>();

	private final AtomicBoolean down = new AtomicBoolean();

	private final LongAdder found = new LongAdder();

	private final LongAdder unknown = new LongAdder();

	private final LongAdder fromLastRead = new LongAdder();

	private final LongAdder failed = new LongAdder();

	JdbcTenantDirectory(JdbcTemplate jdbc, String table, ApplicationGroup group, ClassLoader classLoader) {
		this.jdbc = jdbc;
		this.group = group;
		this.classLoader = classLoader;
		this.selectOne = "select properties, profiles, sources, version from " + table
				+ " where tenant_group = ? and tenant_key = ? and enabled = true";
		this.selectVersions = "select tenant_key, version from " + table + " where tenant_group = ? and enabled = true";
	}

	@Override
	public @Nullable TenantDefinition findTenant(String key) {
		List<Row> rows;
		try {
			rows = this.jdbc.query(this.selectOne, (result, number) -> new Row(result.getString(1), result.getString(2),
					result.getString(3), result.getLong(4)), this.group.id(), key);
			up();
		}
		catch (DataAccessException ex) {
			Row last = this.read.get(key);
			if (last == null) {
				this.failed.increment();
				throw ex;
			}
			this.fromLastRead.increment();
			if (this.down.compareAndSet(false, true)) {
				logger.warn("The table of tenants is unavailable; the " + this.group.id()
						+ " tenants that were read start from what was read last: " + ex.getMessage());
			}
			return definition(key, last);
		}
		if (rows.isEmpty()) {
			this.unknown.increment();
			this.read.remove(key);
			return null;
		}
		this.found.increment();
		Row row = rows.get(0);
		this.read.put(key, row);
		return definition(key, row);
	}

	@Override
	public Collection<String> tenantKeys() {
		return versions().keySet();
	}

	/**
	 * Return the version of each tenant of the group, as the table has them now.
	 * @return the versions by key
	 * @throws DataAccessException if the table cannot be read
	 */
	Map<String, Long> versions() {
		Map<String, Long> versions = new LinkedHashMap<>();
		RowCallbackHandler version = (result) -> versions.put(result.getString(1), result.getLong(2));
		this.jdbc.query(this.selectVersions, version, this.group.id());
		up();
		return versions;
	}

	/**
	 * Return the version of each tenant that this directory last read, the ones that may
	 * run here.
	 * @return the versions by key
	 */
	Map<String, Long> readVersions() {
		Map<String, Long> versions = new LinkedHashMap<>();
		this.read.forEach((key, row) -> versions.put(key, row.version()));
		return versions;
	}

	/**
	 * Forget what was read of a tenant that no longer is one.
	 * @param key its key
	 */
	void forget(String key) {
		this.read.remove(key);
	}

	/**
	 * Return the number of look-ups so far, by outcome: {@code found}, {@code unknown},
	 * {@code last-read} (the table was down, the tenant was read before) and
	 * {@code failed} (the table was down, the tenant was never read).
	 * @return the counts by outcome
	 */
	Map<String, Long> lookups() {
		return Map.of("found", this.found.sum(), "unknown", this.unknown.sum(), "last-read", this.fromLastRead.sum(),
				"failed", this.failed.sum());
	}

	ApplicationGroup group() {
		return this.group;
	}

	private void up() {
		if (this.down.compareAndSet(true, false)) {
			logger.info("The table of tenants is available again to the " + this.group.id() + " tenants");
		}
	}

	private TenantDefinition definition(String key, Row row) {
		Properties properties = new Properties();
		if (row.properties() != null) {
			try {
				properties.load(new StringReader(row.properties()));
			}
			catch (IOException ex) {
				throw new IllegalStateException(ex);
			}
		}
		Map<String, String> values = new LinkedHashMap<>();
		properties.stringPropertyNames().forEach((name) -> values.put(name, properties.getProperty(name)));
		List<Class<?>> sources = new ArrayList<>();
		for (String source : StringUtils.commaDelimitedListToStringArray(row.sources())) {
			if (StringUtils.hasText(source)) {
				try {
					sources.add(ClassUtils.forName(source.strip(), this.classLoader));
				}
				catch (ClassNotFoundException | LinkageError ex) {
					throw new IllegalStateException("The " + this.group.id() + " tenant '" + key
							+ "' names the source '" + source.strip() + "', which was not found", ex);
				}
			}
		}
		List<String> profiles = new ArrayList<>();
		for (String profile : StringUtils.commaDelimitedListToStringArray(row.profiles())) {
			if (StringUtils.hasText(profile)) {
				profiles.add(profile.strip());
			}
		}
		return new TenantDefinition(values, profiles, sources);
	}

	/**
	 * A row of the table.
	 */
	private record Row(@Nullable String properties, @Nullable String profiles, @Nullable String sources, long version) {
	}

}
