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
import java.net.URL;
import java.net.URLClassLoader;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;

import dev.dispatch.application.ApplicationDefinition;
import dev.dispatch.application.ApplicationGroup;
import dev.dispatch.application.ApplicationInstance;
import dev.dispatch.context.ApplicationInstanceFactory;
import dev.dispatch.context.StartupOptimizations;
import jakarta.servlet.Filter;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletMapping;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.boot.webmvc.error.ErrorAttributes;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.ConfigurableWebApplicationContext;
import org.springframework.web.context.WebApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Mounted applications on a real server: what MockMvc cannot show, error pages, async
 * dispatches, raw request targets and the trailing-slash redirect.
 *
 * @author Dispatch contributors
 */
@SpringBootTest(classes = MountServerTests.ParentApp.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "dispatch.mounts.backend.path=/backend",
				"dispatch.mounts.backend.sources=dev.dispatch.autoconfigure.MountServerTests$BackendApp",
				"dispatch.mounts.mvc.path=/mvcmount",
				"dispatch.mounts.mvc.sources=dev.dispatch.autoconfigure.MountServerTests$ServletPathApp",
				"dispatch.mounts.mvc.properties.spring.mvc.servlet.path=/mvc",
				"dispatch.mounts.mvc.properties.spring.web.error.path=/oops", "server.error.include-message=always" })
class MountServerTests {

	@LocalServerPort
	private int port;

	@Autowired
	private DispatchedApplications applications;

	@Autowired
	private ApplicationContext context;

	@Test
	void uncaughtExceptionIsRenderedByTheMountedApplicationsErrorPage() throws Exception {
		HttpResponse<String> response = get("/backend/boom");
		assertThat(response.statusCode()).isEqualTo(500);
		assertThat(response.body()).contains("\"application\":\"backend\"").contains("\"path\":\"/backend/boom\"");
	}

	@Test
	void sendErrorIsRenderedByTheMountedApplicationsErrorPage() throws Exception {
		HttpResponse<String> response = get("/backend/teapot");
		assertThat(response.statusCode()).isEqualTo(418);
		assertThat(response.body()).contains("\"application\":\"backend\"").contains("\"path\":\"/backend/teapot\"");
	}

	@Test
	void notFoundIsRenderedByTheMountedApplicationsErrorPage() throws Exception {
		HttpResponse<String> response = get("/backend/missing");
		assertThat(response.statusCode()).isEqualTo(404);
		assertThat(response.body()).contains("\"application\":\"backend\"");
		assertThat(get("/missing").body()).contains("\"application\":\"default\"");
	}

	@Test
	void exceptionFromAFilterOfTheMountedApplicationIsRenderedByItsErrorPage() throws Exception {
		HttpResponse<String> response = get("/backend/filter-boom");
		assertThat(response.statusCode()).isEqualTo(500);
		assertThat(response.body()).contains("\"application\":\"backend\"")
			.contains("\"path\":\"/backend/filter-boom\"");
		assertThat(get("/backend/whoami").body()).isEqualTo("backend");
	}

	@Test
	void servletPathOfTheMountedApplicationMapsItsDispatcherServlet() throws Exception {
		assertThat(get("/mvcmount/mvc/whoami").body()).isEqualTo("mvc");
		assertThat(get("/mvcmount/mvc/view/a%20b").body())
			.isEqualTo("contextPath=/mvcmount, servletPath=/mvc, pathInfo=/view/a b, mapping=PATH /mvc/* view/a b");
	}

	@Test
	void pathsOutsideTheServletPathAreTheMountedApplicationsNotFound() throws Exception {
		HttpResponse<String> response = get("/mvcmount/whoami");
		assertThat(response.statusCode()).isEqualTo(404);
		assertThat(response.body()).contains("\"application\":\"mvc\"").contains("\"path\":\"/mvcmount/whoami\"");
	}

	@Test
	void errorsAreRenderedAtTheMountedApplicationsOwnErrorPath() throws Exception {
		HttpResponse<String> response = get("/mvcmount/mvc/boom");
		assertThat(response.statusCode()).isEqualTo(500);
		assertThat(response.body()).contains("\"application\":\"mvc\"").contains("\"path\":\"/mvcmount/mvc/boom\"");
		assertThat(get("/mvcmount/mvc/oops").body()).contains("\"application\":\"mvc\"");
	}

	@Test
	void forwardReachesTheTargetInTheMountedApplication() throws Exception {
		assertThat(get("/backend/forward").body())
			.isEqualTo("forwarded to /target-of-forward from /backend/forward by FORWARD");
	}

	@Test
	void includeReachesTheTargetInTheMountedApplication() throws Exception {
		assertThat(get("/backend/include").body()).isEqualTo("before, included /target-of-include by INCLUDE, after");
	}

	@Test
	void controllerAdviceOfTheMountedApplicationHandlesItsExceptions() throws Exception {
		HttpResponse<String> response = get("/backend/handled");
		assertThat(response.statusCode()).isEqualTo(409);
		assertThat(response.body()).isEqualTo("handled by the backend's advice");
	}

	@Test
	void deferredResultCompletesOnARealServer() throws Exception {
		assertThat(get("/backend/deferred").body()).isEqualTo("deferred by backend");
	}

	@Test
	void callableCompletesOnARealServer() throws Exception {
		assertThat(get("/backend/callable").body()).isEqualTo("called by backend");
	}

	@Test
	void sseEmitterStreamsOnARealServer() throws Exception {
		HttpResponse<String> response = get("/backend/sse");
		assertThat(response.headers().firstValue("Content-Type"))
			.hasValueSatisfying((type) -> assertThat(type).startsWith("text/event-stream"));
		assertThat(response.body()).isEqualTo("data:one\n\ndata:two\n\ndata:three\n\n");
	}

	@Test
	void streamingResponseBodyStreamsOnARealServer() throws Exception {
		assertThat(get("/backend/stream").body()).isEqualTo("chunk 1;chunk 2;");
	}

	@Test
	void asyncRequestsReleaseTheMountedApplicationWhenTheyComplete() throws Exception {
		get("/backend/deferred");
		get("/backend/sse");
		// Jetty completes an async request after the client has read its response
		await().atMost(Duration.ofSeconds(10))
			.untilAsserted(() -> assertThat(this.applications.getApplication("backend").inFlight()).isZero());
	}

	@Test
	void mountPathWithoutTrailingSlashRedirectsToTheMountRoot() throws Exception {
		HttpResponse<String> response = get("/backend?q=1");
		assertThat(response.statusCode()).isEqualTo(302);
		assertThat(response.headers().firstValue("Location"))
			.hasValueSatisfying((location) -> assertThat(location).endsWith("/backend/?q=1"));
	}

	@Test
	void mountedApplicationStartsNoWebServerOfItsOwn() {
		WebApplicationContext backend = this.applications.getApplicationContext("backend");
		assertThat(backend).isNotInstanceOf(WebServerApplicationContext.class);
		assertThat(backend.getEnvironment().getProperty("local.server.port")).isNull();
	}

	@Test
	void mountedApplicationLoadsWithTheDefaultApplicationsClassLoaderWhicheverThreadStartsIt() throws IOException {
		ConfigurableWebApplicationContext parent = (ConfigurableWebApplicationContext) this.context;
		ApplicationInstanceFactory factory = new ApplicationInstanceFactory(parent, StartupOptimizations.ALL,
				(environment, application) -> {
				});
		ApplicationDefinition definition = ApplicationDefinition.builder(ApplicationGroup.MOUNTS, "loader")
			.path("/loader")
			.sources(List.of(BackendApp.class))
			.build();
		Thread thread = Thread.currentThread();
		ClassLoader contextClassLoader = thread.getContextClassLoader();
		// As on a request's thread, whose context class loader is the web server's
		try (URLClassLoader serverClassLoader = new URLClassLoader(new URL[0], contextClassLoader)) {
			thread.setContextClassLoader(serverClassLoader);
			ApplicationInstance instance = factory.start(definition);
			try {
				assertThat(instance.getContext().getClassLoader()).isNotSameAs(serverClassLoader)
					.isSameAs(parent.getBeanFactory().getBeanClassLoader());
			}
			finally {
				instance.close(Duration.ZERO);
			}
		}
		finally {
			thread.setContextClassLoader(contextClassLoader);
		}
	}

	@ParameterizedTest(name = "{0} -> {1} {2}, on Jetty {3}")
	@CsvSource(textBlock = """
			/backend/whoami,                200, backend,
			/whoami,                        200, default,
			/backend;jsessionid=1/whoami,   200, backend,
			/backend;a=b/whoami,            200, backend,
			/back%65nd/whoami,              200, backend,
			/backend/whoami;x=y,            200, backend,
			/public/../backend/whoami,      400, default,
			/backend/../whoami,             404, default,
			/backend/..;/whoami,            404, default,   400 -
			/backend/%2e%2e/whoami,         404, default,   400 -
			/backend/a/../whoami,           400, default,
			/backend/./whoami,              400, default,
			/backend/x/..,                  400, default,
			/backend%2Fwhoami,              400, -,
			/backend/%2Fwhoami,             400, -,
			//backend/whoami,               400, default,   400 -
			/backend//whoami,               400, default,   400 -
			/BACKEND/whoami,                404, default,
			/backendx/whoami,               404, default,
			""")
	void rawRequestTargetsReachOnlyTheApplicationThatTheNormalizedPathNames(String target, int tomcatStatus,
			String tomcatApplication, String onJetty) throws IOException {
		String[] expected = ServletContainer.of(this.context)
			.expected(tomcatStatus + " " + tomcatApplication, onJetty)
			.split(" ");
		int status = Integer.parseInt(expected[0]);
		String application = expected[1];
		RawResponse response = RawResponse.send(this.port, target);
		assertThat(response.status()).as(response.text()).isEqualTo(status);
		if (status == 200) {
			assertThat(response.body()).isEqualTo(application);
		}
		else if (!application.equals("-")) {
			assertThat(response.body()).contains("\"application\":\"" + application + "\"");
		}
	}

	private HttpResponse<String> get(String path) {
		return TestRequests.get(this.port, path);
	}

	/**
	 * A response to a request target sent as is: HTTP clients normalize the targets that
	 * these tests are about.
	 */
	record RawResponse(int status, String text) {

		static RawResponse send(int port, String target) throws IOException {
			String text = TestRequests.raw(port,
					"GET " + target + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");
			return new RawResponse(Integer.parseInt(text.substring(9, 12)), text);
		}

		String body() {
			String body = this.text.substring(this.text.indexOf("\r\n\r\n") + 4);
			return (this.text.contains("Transfer-Encoding: chunked")) ? dechunk(body) : body;
		}

		private static String dechunk(String body) {
			StringBuilder result = new StringBuilder();
			int position = 0;
			while (true) {
				int lineEnd = body.indexOf("\r\n", position);
				int size = Integer.parseInt(body.substring(position, lineEnd).trim(), 16);
				if (size == 0) {
					return result.toString();
				}
				result.append(body, lineEnd + 2, lineEnd + 2 + size);
				position = lineEnd + 2 + size + 2;
			}
		}

	}

	@SpringBootConfiguration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	@Import(WhoAmIController.class)
	static class ParentApp {

		@Bean
		String name() {
			return "default";
		}

		@Bean
		ErrorAttributes errorAttributes() {
			return new NamedErrorAttributes("default");
		}

	}

	@Configuration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	@Import({ WhoAmIController.class, BackendController.class, BackendAdvice.class, AsyncController.class })
	static class BackendApp {

		@Bean
		String name() {
			return "backend";
		}

		@Bean
		ErrorAttributes errorAttributes() {
			return new NamedErrorAttributes("backend");
		}

		@Bean
		FilterRegistrationBean<Filter> throwingFilter() {
			FilterRegistrationBean<Filter> registration = new FilterRegistrationBean<>((request, response, chain) -> {
				throw new IllegalStateException("filter boom");
			});
			registration.addUrlPatterns("/filter-boom");
			return registration;
		}

	}

	@Configuration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	@Import({ WhoAmIController.class, BackendController.class, ViewController.class })
	static class ServletPathApp {

		@Bean
		String name() {
			return "mvc";
		}

		@Bean
		ErrorAttributes errorAttributes() {
			return new NamedErrorAttributes("mvc");
		}

	}

	@RestController
	static class ViewController {

		@GetMapping("/view/**")
		String view(HttpServletRequest request) {
			HttpServletMapping mapping = request.getHttpServletMapping();
			return "contextPath=" + request.getContextPath() + ", servletPath=" + request.getServletPath()
					+ ", pathInfo=" + request.getPathInfo() + ", mapping=" + mapping.getMappingMatch() + " "
					+ mapping.getPattern() + " " + mapping.getMatchValue();
		}

	}

	@RestController
	static class BackendController {

		@GetMapping("/boom")
		String boom() {
			throw new IllegalStateException("boom");
		}

		@GetMapping("/teapot")
		void teapot(HttpServletResponse response) throws IOException {
			response.sendError(418, "short and stout");
		}

		@GetMapping("/handled")
		String handled() {
			throw new HandledException();
		}

		@GetMapping("/forward")
		void forward(HttpServletRequest request, HttpServletResponse response) throws Exception {
			request.getRequestDispatcher("target-of-forward").forward(request, response);
		}

		@GetMapping("/target-of-forward")
		String targetOfForward(HttpServletRequest request) {
			return "forwarded to " + request.getPathInfo() + " from "
					+ request.getAttribute(RequestDispatcher.FORWARD_REQUEST_URI) + " by "
					+ request.getDispatcherType();
		}

		@GetMapping("/include")
		void include(HttpServletRequest request, HttpServletResponse response) throws Exception {
			response.setContentType("text/plain");
			response.getWriter().print("before, ");
			request.getServletContext().getRequestDispatcher("/target-of-include").include(request, response);
			response.getWriter().print(", after");
		}

		@GetMapping("/target-of-include")
		void targetOfInclude(HttpServletRequest request, HttpServletResponse response) throws Exception {
			response.getWriter()
				.print("included " + request.getAttribute(RequestDispatcher.INCLUDE_PATH_INFO) + " by "
						+ request.getDispatcherType());
		}

	}

	static class HandledException extends RuntimeException {

	}

	@RestControllerAdvice
	static class BackendAdvice {

		@ExceptionHandler
		ResponseEntity<String> handle(HandledException ex) {
			return ResponseEntity.status(HttpStatus.CONFLICT).body("handled by the backend's advice");
		}

	}

}
