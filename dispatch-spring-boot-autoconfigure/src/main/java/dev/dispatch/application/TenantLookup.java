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
import java.util.function.Function;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.dispatch.web.ApplicationUnavailableException;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

/**
 * Looks up tenants by key in a group's directory, which may be a database: it remembers
 * the keys that name no tenant, for a while and for a bounded number of keys, so that
 * requests for random keys cost the directory little, and the keys whose tenant failed to
 * start, until their back-off has passed, out of the group's tenants so that failing keys
 * cannot fill it.
 *
 * @author Dispatch contributors
 */
final class TenantLookup {

	private static final Log logger = LogFactory.getLog(TenantLookup.class);

	static final int UNKNOWN_KEYS = 10_000;

	static final Duration UNKNOWN_KEYS_TIME_TO_LIVE = Duration.ofSeconds(10);

	private final ApplicationGroup group;

	private final Function<String, @Nullable ApplicationDefinition> directory;

	private final @Nullable Cache<String, Boolean> unknownKeys;

	private final Cache<String, Long> failedKeys;

	private final Duration backoff;

	/**
	 * Create a lookup.
	 * @param group the group
	 * @param directory what a key names: a tenant's definition, or {@code null}
	 * @param cacheUnknownKeys whether to remember the keys that name no tenant
	 * @param backoff how long a key whose tenant failed to start is answered 503
	 */
	TenantLookup(ApplicationGroup group, Function<String, @Nullable ApplicationDefinition> directory,
			boolean cacheUnknownKeys, Duration backoff) {
		this.group = group;
		this.directory = directory;
		this.backoff = backoff;
		this.unknownKeys = cacheUnknownKeys ? Caffeine.newBuilder()
			.maximumSize(UNKNOWN_KEYS)
			.expireAfterWrite(UNKNOWN_KEYS_TIME_TO_LIVE)
			.executor(Runnable::run)
			.build() : null;
		this.failedKeys = Caffeine.newBuilder()
			.maximumSize(UNKNOWN_KEYS)
			.expireAfterWrite(backoff)
			.executor(Runnable::run)
			.build();
	}

	/**
	 * Return the definition of the tenant that a key names.
	 * @param key a valid tenant key
	 * @return the definition, or {@code null} if the key names no tenant
	 * @throws ApplicationUnavailableException if the tenant failed to start less than the
	 * back-off ago, or the directory failed
	 */
	@Nullable ApplicationDefinition find(String key) {
		if (this.unknownKeys != null && this.unknownKeys.getIfPresent(key) != null) {
			return null;
		}
		Long retryAt = this.failedKeys.getIfPresent(key);
		if (retryAt != null) {
			throw new ApplicationUnavailableException(this.group.id() + " tenant '" + key + "'",
					retryAt - System.nanoTime());
		}
		ApplicationDefinition definition = findInDirectory(key);
		if (definition == null && this.unknownKeys != null) {
			this.unknownKeys.put(key, Boolean.TRUE);
		}
		return definition;
	}

	/**
	 * Return the definition that the directory has for a key now, past what is remembered
	 * of it.
	 * @param key a valid tenant key
	 * @return the definition, or {@code null} if the key names no tenant
	 * @throws ApplicationUnavailableException if the directory failed
	 */
	@Nullable ApplicationDefinition findAgain(String key) {
		ApplicationDefinition definition = findInDirectory(key);
		if (definition != null && this.unknownKeys != null) {
			this.unknownKeys.invalidate(key);
		}
		return definition;
	}

	/**
	 * Forget that a key named no tenant: its directory has one now.
	 * @param key the key
	 */
	void forget(String key) {
		if (this.unknownKeys != null) {
			this.unknownKeys.invalidate(key);
		}
	}

	private @Nullable ApplicationDefinition findInDirectory(String key) {
		try {
			return this.directory.apply(key);
		}
		catch (RuntimeException ex) {
			logger.warn("The tenant directory of the " + this.group.configurationPrefix() + " group failed to look up '"
					+ key + "'", ex);
			throw new ApplicationUnavailableException(this.group.id() + " tenant '" + key + "'", 0);
		}
	}

	/**
	 * Remember that a key's tenant failed to start, until the back-off has passed.
	 * @param key the key
	 */
	void failed(String key) {
		this.failedKeys.put(key, System.nanoTime() + this.backoff.toNanos());
	}

	long unknownKeysSize() {
		return (this.unknownKeys != null) ? this.unknownKeys.estimatedSize() : 0;
	}

}
