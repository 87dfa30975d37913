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

package dev.dispatch.autoconfigure;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.util.Collections;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import io.micrometer.observation.Observation;
import io.micrometer.observation.Observation.ContextView;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.observation.ObservationView;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.boot.web.servlet.ServletContextInitializer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.core.Ordered;
import org.springframework.http.server.observation.ServerRequestObservationContext;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.async.DeferredResult;
import org.springframework.web.filter.OncePerRequestFilter;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What of the default application's and a mounted application's request state each sees
 * of the other within one request, on a real server: request attributes, Spring's
 * thread-bound request and locale, the logging MDC and servlet context attributes.
 *
 * @author Dispatch contributors
 */
@SpringBootTest(classes = RequestIsolationTests.DefaultApp.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "dispatch.mounts.mount.path=/mount",
				"dispatch.mounts.mount.sources=dev.dispatch.autoconfigure.RequestIsolationTests$MountApp" })
class RequestIsolationTests {

	static final BlockingQueue<String> seenByTheDefaultApplication = new LinkedBlockingQueue<>();

	@LocalServerPort
	private int port;

	@BeforeEach
	void forgetWhatWasSeen() {
		seenByTheDefaultApplication.clear();
	}

	@Test
	void mountedApplicationSeesNoneOfTheDefaultApplicationsRequestAttributesOrThreadState() {
		HttpResponse<String> response = TestRequests.get(this.port, "/mount/probe");
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.body()).isEqualTo("first filter saw: default.attribute=none, requestContext=none, "
				+ "localeContext=none, mdc.default=yes; handler saw: default.attribute=none, "
				+ "attributes of the default application=[], default.context=none, own attribute=mount, "
				+ "own context attribute=mount");
	}

	@Test
	void defaultApplicationSeesNoneOfTheMountedApplicationsRequestAttributesOrThreadState() throws Exception {
		assertThat(TestRequests.get(this.port, "/mount/probe").statusCode()).isEqualTo(200);
		assertThat(seenByTheDefaultApplication.poll(10, TimeUnit.SECONDS))
			.isEqualTo("after /mount/probe: own attribute=default, mount.attribute=none, mdc.default=yes, "
					+ "mdc.mount=none, requestContext=own, localeContext=present, mount.context=none");
	}

	@Test
	void observationOfTheMountedApplicationIsAChildOfTheDefaultApplications() {
		assertThat(TestRequests.get(this.port, "/mount/observation").body())
			.isEqualTo("observation of /mount/observation under context path /mount, "
					+ "its parent's under context path (root)");
	}

	@Test
	void mountedApplicationKeepsItsAttributesAcrossTheDispatchesOfARequest() {
		HttpResponse<String> response = TestRequests.get(this.port, "/mount/deferred");
		assertThat(response.body()).isEqualTo("deferred");
		assertThat(response.headers().firstValue("X-Async-Dispatch-Saw")).hasValue("kept, default.attribute=none");
	}

	static String valueOf(Object value) {
		return (value != null) ? value.toString() : "none";
	}

	@SpringBootConfiguration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	static class DefaultApp {

		@Bean
		FilterRegistrationBean<DefaultProbeFilter> defaultProbeFilter() {
			FilterRegistrationBean<DefaultProbeFilter> registration = new FilterRegistrationBean<>(
					new DefaultProbeFilter());
			// After Boot's RequestContextFilter, before the dispatch filter
			registration.setOrder(-10);
			return registration;
		}

		@Bean
		ServletContextInitializer defaultContextAttribute() {
			return (servletContext) -> servletContext.setAttribute("default.context", "default");
		}

	}

	/**
	 * Sets state of the default application's before the dispatch, and reports what it
	 * sees after it.
	 */
	static class DefaultProbeFilter extends OncePerRequestFilter {

		@Override
		protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
				throws ServletException, IOException {
			request.setAttribute("default.attribute", "default");
			MDC.put("default", "yes");
			try {
				chain.doFilter(request, response);
				ServletContext servletContext = request.getServletContext();
				seenByTheDefaultApplication.add("after " + request.getRequestURI() + ": own attribute="
						+ valueOf(request.getAttribute("default.attribute")) + ", mount.attribute="
						+ valueOf(request.getAttribute("mount.attribute")) + ", mdc.default="
						+ valueOf(MDC.get("default")) + ", mdc.mount=" + valueOf(MDC.get("mount")) + ", requestContext="
						+ ((RequestContextHolder.getRequestAttributes() != null) ? "own" : "none") + ", localeContext="
						+ ((LocaleContextHolder.getLocaleContext() != null) ? "present" : "none") + ", mount.context="
						+ valueOf(servletContext.getAttribute("mount.context")));
			}
			finally {
				MDC.remove("default");
			}
		}

	}

	@Configuration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	@Import(MountController.class)
	static class MountApp {

		@Bean
		FilterRegistrationBean<MountProbeFilter> mountProbeFilter() {
			FilterRegistrationBean<MountProbeFilter> registration = new FilterRegistrationBean<>(
					new MountProbeFilter());
			registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
			return registration;
		}

		@Bean
		ServletContextInitializer mountContextAttribute() {
			return (servletContext) -> servletContext.setAttribute("mount.context", "mount");
		}

	}

	/**
	 * The mounted application's first filter: records what it finds, then sets state of
	 * the mounted application's. In the request's async dispatch, it reports what the
	 * request's first dispatch left.
	 */
	static class MountProbeFilter extends OncePerRequestFilter {

		@Override
		protected boolean shouldNotFilterAsyncDispatch() {
			return false;
		}

		@Override
		protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
				throws ServletException, IOException {
			if (isAsyncDispatch(request)) {
				response.setHeader("X-Async-Dispatch-Saw", valueOf(request.getAttribute("before.async"))
						+ ", default.attribute=" + valueOf(request.getAttribute("default.attribute")));
				chain.doFilter(request, response);
				return;
			}
			request.setAttribute("first", "default.attribute=" + valueOf(request.getAttribute("default.attribute"))
					+ ", requestContext=" + valueOf(RequestContextHolder.getRequestAttributes()) + ", localeContext="
					+ valueOf(LocaleContextHolder.getLocaleContext()) + ", mdc.default=" + valueOf(MDC.get("default")));
			request.setAttribute("mount.attribute", "mount");
			MDC.put("mount", "yes");
			chain.doFilter(request, response);
		}

	}

	@RestController
	static class MountController {

		private final ObservationRegistry registry;

		MountController(ObservationRegistry registry) {
			this.registry = registry;
		}

		@GetMapping("/probe")
		String probe(HttpServletRequest request) {
			return "first filter saw: " + request.getAttribute("first") + "; handler saw: default.attribute="
					+ valueOf(request.getAttribute("default.attribute")) + ", attributes of the default application="
					+ Collections.list(request.getAttributeNames())
						.stream()
						.filter((name) -> name.startsWith("default"))
						.toList()
					+ ", default.context=" + valueOf(request.getServletContext().getAttribute("default.context"))
					+ ", own attribute=" + valueOf(request.getAttribute("mount.attribute")) + ", own context attribute="
					+ valueOf(request.getServletContext().getAttribute("mount.context"));
		}

		@GetMapping("/observation")
		String observation() {
			Observation current = this.registry.getCurrentObservation();
			ObservationView parent = current.getContextView().getParentObservation();
			return "observation of " + describe(current.getContextView()) + ", its parent's under context path "
					+ contextPath(parent.getContextView());
		}

		private static String describe(ContextView context) {
			HttpServletRequest request = ((ServerRequestObservationContext) context).getCarrier();
			return request.getRequestURI() + " under context path " + contextPath(context);
		}

		private static String contextPath(ContextView context) {
			String contextPath = ((ServerRequestObservationContext) context).getCarrier().getContextPath();
			return contextPath.isEmpty() ? "(root)" : contextPath;
		}

		@GetMapping("/deferred")
		DeferredResult<String> deferred(HttpServletRequest request) {
			request.setAttribute("before.async", "kept");
			DeferredResult<String> result = new DeferredResult<>();
			CompletableFuture.runAsync(() -> result.setResult("deferred"));
			return result;
		}

	}

}
