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

import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;

import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;

import org.springframework.web.util.UriUtils;

/**
 * Paths as routing sees them: the decoded, normalized path that picks an application, and
 * the raw request URI that the picked application parses again. The two must agree on
 * where the mount path ends; where they cannot, the request is rejected rather than
 * routed, as Spring Security's {@code StrictHttpFirewall} does.
 *
 * @author Dispatch contributors
 */
final class DispatchPaths {

	private DispatchPaths() {
	}

	/**
	 * Return the decoded path within the default application, as the container mapped it.
	 * @param request the request
	 * @return the path, starting with {@code /}
	 */
	static String pathWithinApplication(HttpServletRequest request) {
		String servletPath = request.getServletPath();
		String pathInfo = request.getPathInfo();
		String path = (pathInfo != null) ? servletPath + pathInfo : servletPath;
		return path.isEmpty() ? "/" : path;
	}

	/**
	 * Return the raw (encoded) path within the default application.
	 * @param request the request
	 * @return the raw path
	 */
	static String rawPathWithinApplication(HttpServletRequest request) {
		return request.getRequestURI().substring(request.getContextPath().length());
	}

	/**
	 * Normalize a decoded path as a servlet container does: drop path parameters, empty
	 * and {@code .} segments, and resolve {@code ..} segments. Containers hand filters
	 * normalized paths already, so this is a single scan for them; the work is done only
	 * for paths that need it, such as MockMvc's.
	 * @param path the decoded path
	 * @return the normalized path or {@code null} if {@code ..} climbs above the root
	 */
	static @Nullable String normalize(String path) {
		return isNormalized(path) ? path : resolve(path);
	}

	private static boolean isNormalized(String path) {
		if (path.isEmpty() || path.charAt(0) != '/') {
			return false;
		}
		for (int i = 1; i < path.length(); i++) {
			char c = path.charAt(i);
			if (c == ';' || (c == '/' && path.charAt(i - 1) == '/') || (c == '.' && isDotSegment(path, i))) {
				return false;
			}
		}
		return true;
	}

	private static boolean isDotSegment(String path, int dot) {
		int start = (path.charAt(dot - 1) == '.') ? dot - 1 : dot;
		if (path.charAt(start - 1) != '/') {
			return false;
		}
		int end = dot + 1;
		if (end < path.length() && path.charAt(end) == '.' && start == dot) {
			end++;
		}
		return end == path.length() || path.charAt(end) == '/';
	}

	private static @Nullable String resolve(String path) {
		Deque<String> segments = new ArrayDeque<>();
		boolean directory = false;
		int start = 0;
		while (start <= path.length()) {
			int end = path.indexOf('/', start);
			end = (end != -1) ? end : path.length();
			String segment = withoutParameters(path.substring(start, end));
			if (segment.equals("..")) {
				if (segments.pollLast() == null) {
					return null;
				}
				directory = true;
			}
			else {
				directory = segment.isEmpty() || segment.equals(".");
				if (!directory) {
					segments.addLast(segment);
				}
			}
			start = end + 1;
		}
		StringBuilder normalized = new StringBuilder(path.length());
		for (String segment : segments) {
			normalized.append('/').append(segment);
		}
		if (normalized.isEmpty() || directory) {
			normalized.append('/');
		}
		return normalized.toString();
	}

	private static String withoutParameters(String segment) {
		int parameters = segment.indexOf(';');
		return (parameters != -1) ? segment.substring(0, parameters) : segment;
	}

	/**
	 * Return where a mount path ends in a raw path: the raw path must start with the
	 * mount's segments, each of which may carry path parameters or be percent-encoded.
	 * @param rawPath the raw path within the default application
	 * @param mountPath the decoded mount path
	 * @return the length of the raw prefix that names the mount, or {@code -1} if the raw
	 * path does not start with the mount's segments
	 */
	static int rawPrefixLength(String rawPath, String mountPath) {
		int length = mountPath.length();
		if (rawPath.startsWith(mountPath) && (rawPath.length() == length || rawPath.charAt(length) == '/')) {
			return length;
		}
		int raw = 0;
		int mount = 0;
		while (mount < length) {
			if (raw >= rawPath.length() || rawPath.charAt(raw) != '/') {
				return -1;
			}
			int rawEnd = segmentEnd(rawPath, raw);
			int mountEnd = segmentEnd(mountPath, mount);
			String segment = decode(withoutParameters(rawPath.substring(raw + 1, rawEnd)));
			if (segment == null || !segment.equals(mountPath.substring(mount + 1, mountEnd))) {
				return -1;
			}
			raw = rawEnd;
			mount = mountEnd;
		}
		return raw;
	}

	/**
	 * Return whether the raw path, from the given index on, has no segment that the
	 * container would have removed or resolved ({@code .}, {@code ..} or empty, encoded
	 * or not): for such a path, the application would parse a different path from the raw
	 * URI than the one it was routed by.
	 * @param rawPath the raw path
	 * @param from the index of a {@code /} in the raw path, or its length
	 * @return whether the rest of the raw path is clean
	 */
	static boolean isClean(String rawPath, int from) {
		int start = from;
		while (start < rawPath.length()) {
			int end = segmentEnd(rawPath, start);
			String segment = withoutParameters(rawPath.substring(start + 1, end));
			if (segment.isEmpty() && end < rawPath.length()) {
				return false;
			}
			if (segment.indexOf('.') != -1 || segment.indexOf('%') != -1) {
				String decoded = decode(segment);
				if (decoded == null || decoded.equals(".") || decoded.equals("..")) {
					return false;
				}
			}
			start = end;
		}
		return true;
	}

	/**
	 * Encode a decoded path for use in a request URI.
	 * @param path the decoded path
	 * @return the encoded path
	 */
	static String encode(String path) {
		return UriUtils.encodePath(path, StandardCharsets.UTF_8);
	}

	private static int segmentEnd(String path, int slash) {
		int end = path.indexOf('/', slash + 1);
		return (end != -1) ? end : path.length();
	}

	private static @Nullable String decode(String segment) {
		if (segment.indexOf('%') == -1) {
			return segment;
		}
		try {
			return UriUtils.decode(segment, StandardCharsets.UTF_8);
		}
		catch (IllegalArgumentException ex) {
			return null;
		}
	}

}
