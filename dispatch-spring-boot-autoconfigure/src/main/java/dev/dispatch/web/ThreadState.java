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
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;
import org.slf4j.MDC;

import org.springframework.context.i18n.LocaleContext;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.util.ClassUtils;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;

/**
 * What a request's thread holds for the application that serves it, saved when a
 * dispatched application takes the request and put back when it returns, so that nothing
 * of one application's thread-bound state is left for the other.
 * <ul>
 * <li>Spring's {@link RequestContextHolder} and {@link LocaleContextHolder} hold the
 * default application's request and locale: the dispatched application starts without
 * them, as a web application of its own would, and sets its own.</li>
 * <li>Spring Security's {@link SecurityContextHolder} holds the default application's
 * authentication: an application with security of its
 * {@link DispatchProperties.Security#OWN own} starts with an empty context; one guarded
 * by the {@link DispatchProperties.Security#DEFAULT_APPLICATION default application} sees
 * its context.</li>
 * <li>The logging MDC, which carries correlation and trace ids, goes in with the request
 * so that the application's log lines belong to it; what the application adds to it is
 * removed when it returns.</li>
 * </ul>
 *
 * @author Dispatch contributors
 */
public final class ThreadState {

	private static final ClassLoader CLASS_LOADER = ThreadState.class.getClassLoader();

	private static final boolean SECURITY_PRESENT = ClassUtils
		.isPresent("org.springframework.security.core.context.SecurityContextHolder", CLASS_LOADER);

	private static final boolean MDC_PRESENT = ClassUtils.isPresent("org.slf4j.MDC", CLASS_LOADER);

	private final @Nullable RequestAttributes requestAttributes;

	private final @Nullable LocaleContext localeContext;

	private final @Nullable Object securityContext;

	private final @Nullable Map<String, String> mdc;

	private ThreadState(boolean ownSecurity) {
		this.requestAttributes = RequestContextHolder.getRequestAttributes();
		RequestContextHolder.resetRequestAttributes();
		this.localeContext = LocaleContextHolder.getLocaleContext();
		LocaleContextHolder.resetLocaleContext();
		this.securityContext = (SECURITY_PRESENT && ownSecurity) ? SecurityState.clear() : null;
		this.mdc = MDC_PRESENT ? MdcState.save() : null;
	}

	/**
	 * Save the current thread's state and clear what the application must not see.
	 * @param ownSecurity whether the application decides authentication itself
	 * @return the state to {@link #restore()} when the application returns
	 */
	public static ThreadState enter(boolean ownSecurity) {
		return new ThreadState(ownSecurity);
	}

	/**
	 * Put the saved state back, whatever the application left.
	 */
	public void restore() {
		if (MDC_PRESENT) {
			MdcState.restore(this.mdc);
		}
		if (this.securityContext != null) {
			SecurityState.restore(this.securityContext);
		}
		LocaleContextHolder.setLocaleContext(this.localeContext);
		RequestContextHolder.setRequestAttributes(this.requestAttributes);
	}

	/**
	 * Spring Security's thread-bound context, when Spring Security is present.
	 */
	private static final class SecurityState {

		static Object clear() {
			SecurityContextHolderStrategy strategy = SecurityContextHolder.getContextHolderStrategy();
			// Deferred: reading the context would load the default application's
			// authentication from its session for nothing
			Supplier<SecurityContext> saved = strategy.getDeferredContext();
			strategy.clearContext();
			return saved;
		}

		@SuppressWarnings("unchecked")
		static void restore(Object saved) {
			SecurityContextHolder.getContextHolderStrategy().setDeferredContext((Supplier<SecurityContext>) saved);
		}

	}

	/**
	 * SLF4J's mapped diagnostic context, when SLF4J is present.
	 */
	private static final class MdcState {

		static @Nullable Map<String, String> save() {
			return MDC.getCopyOfContextMap();
		}

		static void restore(@Nullable Map<String, String> saved) {
			if (saved != null) {
				MDC.setContextMap(saved);
			}
			else {
				MDC.clear();
			}
		}

	}

}
