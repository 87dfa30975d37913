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

package dev.dispatch.context.isolated;

/**
 * An exception of an application of a class loader of its own, copied into one of the
 * default application's classes: its message, stack trace and causes, without its class.
 * The default application keeps a failed start's exception to report it, and the
 * application's own exception would keep its class loader. For internal use only.
 *
 * @author Dispatch contributors
 */
public final class DetachedException extends RuntimeException {

	private final String className;

	private DetachedException(Throwable exception, DetachedException cause) {
		super(exception.getMessage(), cause, false, true);
		this.className = exception.getClass().getName();
		setStackTrace(exception.getStackTrace());
	}

	/**
	 * Return a copy of an exception that keeps none of the application's classes, or the
	 * exception itself if it is the JDK's or the default application's.
	 * @param exception the exception
	 * @return the exception or its copy
	 */
	static Exception detach(Exception exception) {
		return isHosts(exception) ? exception : copy(exception);
	}

	private static boolean isHosts(Throwable exception) {
		for (Throwable candidate = exception; candidate != null; candidate = candidate.getCause()) {
			ClassLoader classLoader = candidate.getClass().getClassLoader();
			if (classLoader instanceof IsolatedClassLoader) {
				return false;
			}
			if (candidate.getCause() == candidate) {
				break;
			}
		}
		return true;
	}

	private static DetachedException copy(Throwable exception) {
		Throwable cause = exception.getCause();
		return new DetachedException(exception, (cause != null && cause != exception) ? copy(cause) : null);
	}

	/**
	 * Return the name of the class of the original exception.
	 * @return its class name
	 */
	public String getClassName() {
		return this.className;
	}

	@Override
	public String toString() {
		String message = getLocalizedMessage();
		return (message != null) ? this.className + ": " + message : this.className;
	}

}
