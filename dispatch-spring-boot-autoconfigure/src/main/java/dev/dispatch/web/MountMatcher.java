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

package dev.dispatch.web;

import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * Finds the mount with the longest path that is a whole-segment prefix of a request path:
 * with mounts {@code /a} and {@code /a/b}, {@code /a/b/c} matches {@code /a/b},
 * {@code /a/bc} matches {@code /a} and {@code /ab} matches nothing.
 * <p>
 * It looks up each segment boundary of the path, up to the length of the longest mount,
 * in an open-addressing table keyed by {@link String#hashCode()}, whose value it computes
 * as it scans. The cost grows with the path's length, at most linearly, and not with the
 * number of mounts, and a match allocates nothing. Paths such as {@code /app1} and
 * {@code /app2} have consecutive hash codes: a multiplicative hash scatters them over the
 * table, and the table keeps each path's hash code so that a probe compares a string only
 * when the hash codes are equal.
 *
 * @param <T> the type of value that a mount path maps to
 * @author Dispatch contributors
 */
public final class MountMatcher<T> {

	private static final int SCATTER = 0x9E3779B9;

	private final int[] hashes;

	private final String[] paths;

	private final Object[] values;

	private final int mask;

	private final int shift;

	private final int longest;

	public MountMatcher(Map<String, T> mounts) {
		int capacity = Integer.highestOneBit(Math.max(2, mounts.size() * 2 - 1)) << 1;
		this.hashes = new int[capacity];
		this.paths = new String[capacity];
		this.values = new Object[capacity];
		this.mask = capacity - 1;
		this.shift = Integer.numberOfLeadingZeros(capacity) + 1;
		int longest = 0;
		for (Map.Entry<String, T> mount : mounts.entrySet()) {
			String path = mount.getKey();
			int index = index(path.hashCode());
			while (this.paths[index] != null) {
				index = (index + 1) & this.mask;
			}
			this.hashes[index] = path.hashCode();
			this.paths[index] = path;
			this.values[index] = mount.getValue();
			longest = Math.max(longest, path.length());
		}
		this.longest = longest;
	}

	/**
	 * Return the value of the longest mount whose path is a whole-segment prefix of the
	 * given path.
	 * @param path a normalized path that starts with {@code /}
	 * @return the value or {@code null} if no mount matches
	 */
	public @Nullable T match(String path) {
		T match = null;
		int limit = Math.min(path.length(), this.longest);
		int hash = 0;
		for (int end = 0; end < limit;) {
			hash = 31 * hash + path.charAt(end++);
			if (end == path.length() || path.charAt(end) == '/') {
				T candidate = get(path, end, hash);
				if (candidate != null) {
					match = candidate;
				}
			}
		}
		return match;
	}

	private int index(int hash) {
		return (hash * SCATTER) >>> this.shift;
	}

	@SuppressWarnings("unchecked")
	private @Nullable T get(String path, int length, int hash) {
		for (int index = index(hash); this.paths[index] != null; index = (index + 1) & this.mask) {
			if (this.hashes[index] == hash) {
				String candidate = this.paths[index];
				if (candidate.length() == length && path.startsWith(candidate)) {
					return (T) this.values[index];
				}
			}
		}
		return null;
	}

}
