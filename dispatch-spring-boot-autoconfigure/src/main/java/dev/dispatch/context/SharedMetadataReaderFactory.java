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

import java.io.IOException;
import java.util.Map;

import org.springframework.core.io.Resource;
import org.springframework.core.io.ResourceLoader;
import org.springframework.core.type.classreading.MetadataReader;
import org.springframework.core.type.classreading.SimpleMetadataReaderFactory;
import org.springframework.util.ConcurrentReferenceHashMap;

/**
 * The class-file metadata that configuration class parsing and scanning read, shared by
 * every dispatched application of a default application. A class file reads the same for
 * every tenant, and reading the few hundred that Boot's auto-configuration consults is a
 * large part of a tenant's start. Boot gives each context a cache of its own, which it
 * clears once the context is refreshed.
 * <p>
 * Entries are soft references: under memory pressure the JVM may drop them, and they are
 * read again.
 *
 * @author Dispatch contributors
 */
public final class SharedMetadataReaderFactory extends SimpleMetadataReaderFactory {

	private final Map<Resource, MetadataReader> cache = new ConcurrentReferenceHashMap<>();

	SharedMetadataReaderFactory(ResourceLoader resourceLoader) {
		super(resourceLoader);
	}

	@Override
	public MetadataReader getMetadataReader(Resource resource) throws IOException {
		MetadataReader reader = this.cache.get(resource);
		if (reader == null) {
			// Two starts may read the same class at once: either result is right
			reader = super.getMetadataReader(resource);
			this.cache.put(resource, reader);
		}
		return reader;
	}

	/**
	 * The cache itself, as a resource cache of an application's context: the scanners
	 * that run while an application starts ({@code @JacksonMixin},
	 * {@code @ConfigurationPropertiesScan}) each read class metadata through a
	 * {@code CachingMetadataReaderFactory} over their context's cache.
	 * @return the cache
	 */
	Map<Resource, MetadataReader> asResourceCache() {
		return this.cache;
	}

}
