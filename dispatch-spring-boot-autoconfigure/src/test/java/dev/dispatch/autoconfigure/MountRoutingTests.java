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
import java.net.URI;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.context.logging.LoggingApplicationListener;
import org.springframework.boot.logging.LogLevel;
import org.springframework.boot.logging.LoggingSystem;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.core.Ordered;
import org.springframework.core.env.Environment;
import org.springframework.http.server.RequestPath;
import org.springframework.test.util.ReflectionTestUtils;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.context.WebApplicationContext;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.servlet.DispatcherServlet;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.config.annotation.EnableWebMvc;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;
import org.springframework.web.util.ServletRequestPathUtils;
import org.springframework.web.util.UrlPathHelper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.asyncDispatch;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.handler;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.request;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Routing to mounted applications, through the default application's {@code MockMvc} as a
 * user would test it.
 *
 * @author Dispatch contributors
 */
@SpringBootTest(classes = MountRoutingTests.ParentApp.class, properties = { "parent.only=parent value",
		"logging.level.dev.dispatch.probe=trace", "dispatch.mounts.a.path=/a",
		"dispatch.mounts.a.sources=dev.dispatch.autoconfigure.MountRoutingTests$AApp", "dispatch.mounts.ab.path=/a/b",
		"dispatch.mounts.ab.sources=dev.dispatch.autoconfigure.MountRoutingTests$ABApp",
		"dispatch.mounts.api.path=/api/v2",
		"dispatch.mounts.api.sources=dev.dispatch.autoconfigure.MountRoutingTests$ApiApp",
		"dispatch.mounts.api.properties.spring.jackson.property-naming-strategy=SNAKE_CASE",
		"dispatch.mounts.backend.path=/backend",
		"dispatch.mounts.backend.sources=dev.dispatch.autoconfigure.MountRoutingTests$BackendApp",
		"dispatch.mounts.backend.profiles=eu",
		"dispatch.mounts.backend.properties.greeting=hello from the mount's properties",
		"dispatch.mounts.bare.path=/bare",
		"dispatch.mounts.bare.sources=dev.dispatch.autoconfigure.MountRoutingTests$BareApp",
		"dispatch.mounts.inherit.path=/inherit", "dispatch.mounts.inherit.inherit-parent=true",
		"dispatch.mounts.inherit.sources=dev.dispatch.autoconfigure.MountRoutingTests$InheritingApp" })
@AutoConfigureMockMvc
class MountRoutingTests {

	@Autowired
	private MockMvc mvc;

	@Autowired
	private DispatchedApplications applications;

	@ParameterizedTest(name = "{0} -> {1}")
	@CsvSource(textBlock = """
			/whoami,            default /whoami
			/a/whoami,          a /whoami
			/a/b/whoami,        ab /whoami
			/a/b/c,             ab /c
			/a/bc,              a /bc
			/ab,                default /ab
			/api/v2/users/1,    api /users/1
			/api/v20,           default /api/v20
			/api,               default /api
			/backend/whoami,    backend
			/BACKEND/x,         default /BACKEND/x
			/backendx,          default /backendx
			/bare/whoami,       bare /whoami
			""")
	void routesToTheLongestMountOnWholeSegments(String path, String answer) throws Exception {
		this.mvc.perform(get(path)).andExpect(status().isOk()).andExpect(content().string(answer));
	}

	@Test
	void mountedApplicationSeesTheMountPathAsItsContextPath() throws Exception {
		this.mvc.perform(get(URI.create("/backend/view/x%20y")))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.contextPath").value("/backend"))
			.andExpect(jsonPath("$.servletPath").value(""))
			.andExpect(jsonPath("$.pathInfo").value("/view/x y"))
			.andExpect(jsonPath("$.requestUri").value("/backend/view/x%20y"))
			.andExpect(jsonPath("$.mappingMatch").value("PATH"))
			.andExpect(jsonPath("$.mappingPattern").value("/*"))
			.andExpect(jsonPath("$.mappingValue").value("view/x y"))
			.andExpect(jsonPath("$.servletContextPath").value("/backend"))
			.andExpect(jsonPath("$.currentContextPath").value("http://localhost/backend"));
	}

	@Test
	void pathParametersInTheMountPathStayInTheRawContextPath() throws Exception {
		this.mvc.perform(get("/backend;jsessionid=1/view/x"))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.contextPath").value("/backend;jsessionid=1"))
			.andExpect(jsonPath("$.pathInfo").value("/view/x"));
	}

	@Test
	void mountPathWithoutTrailingSlashRedirectsKeepingTheQuery() throws Exception {
		this.mvc.perform(get("/backend?q=1&r=2"))
			.andExpect(status().isFound())
			.andExpect(redirectedUrl("/backend/?q=1&r=2"));
		this.mvc.perform(get("/api/v2")).andExpect(status().isFound()).andExpect(redirectedUrl("/api/v2/"));
	}

	@Test
	void redirectsAndLinksStayInsideTheMount() throws Exception {
		this.mvc.perform(get("/backend/go")).andExpect(status().isFound()).andExpect(redirectedUrl("/backend/target"));
		this.mvc.perform(get("/backend/link")).andExpect(content().string("http://localhost/backend/hello"));
	}

	@Test
	void pathsThatEscapeOrDisagreeWithTheMountAreRejected() throws Exception {
		this.mvc.perform(get("/public/../backend/whoami")).andExpect(status().isBadRequest());
		this.mvc.perform(get("/backend/a/../whoami")).andExpect(status().isBadRequest());
		this.mvc.perform(get("/backend/../whoami"))
			.andExpect(status().isOk())
			.andExpect(content().string("default /backend/../whoami"));
	}

	@Test
	void mountedApplicationHasItsOwnConfiguration() throws Exception {
		this.mvc.perform(get("/backend/props"))
			.andExpect(jsonPath("$.greeting").value("hello from the mount's properties"))
			.andExpect(jsonPath("$.title").value("from backend.yml"))
			.andExpect(jsonPath("$.region").value("eu"))
			.andExpect(jsonPath("$.parentOnly").value("(none)"))
			.andExpect(jsonPath("$.profiles[0]").value("eu"));
		this.mvc.perform(get("/props")).andExpect(content().string("parent value"));
	}

	@Test
	void mountedApplicationAppliesItsOwnSpringBootConfiguration() throws Exception {
		this.mvc.perform(get("/api/v2/json")).andExpect(content().json("{\"context_path\":\"/api/v2\"}", true));
		this.mvc.perform(get("/json")).andExpect(content().json("{\"contextPath\":\"\"}", true));
	}

	@Test
	void springsCachedRequestPathsAgreeWithEachApplicationsView(
			@Autowired FilterRegistrationBean<PathCachingFilter> pathCachingFilter) throws Exception {
		// A filter of the mounted application, such as Spring Security's, must never
		// match against the default application's cached path
		this.mvc.perform(get("/backend/view/x"))
			.andExpect(jsonPath("$.pathInfo").value("/view/x"))
			.andExpect(jsonPath("$.cachedPathSeenByChildFilter").value("none"));
		assertThat(pathCachingFilter.getFilter().recorded).isEqualTo("/backend/view/x /backend/view/x intact");
		this.mvc.perform(get("/parent-only")).andExpect(content().string("parent"));
		assertThat(pathCachingFilter.getFilter().recorded).isEqualTo("/parent-only /parent-only intact");
	}

	@Test
	void mountedApplicationSeesNoneOfTheDefaultApplicationsBeans() {
		WebApplicationContext backend = this.applications.getApplicationContext("backend");
		assertThat(backend.getParent()).isNull();
		assertThat(backend.getBeanProvider(ParentService.class).getIfAvailable()).isNull();
		assertThat(backend.getId()).endsWith(":backend");
	}

	@Test
	void inheritingApplicationInjectsTheDefaultApplicationsBeansButAnswersOnlyWithItsOwnHandlers() throws Exception {
		this.mvc.perform(get("/inherit/service")).andExpect(content().string("inherit uses the parent's service"));
		this.mvc.perform(get("/inherit/parent-only")).andExpect(status().isNotFound());
		this.mvc.perform(get("/parent-only")).andExpect(content().string("parent"));
		WebApplicationContext inherit = this.applications.getApplicationContext("inherit");
		assertThat(inherit.getParent()).isNotNull();
		assertThat(inherit.getBeanNamesForType(DispatcherServlet.class)).containsExactly("dispatcherServlet");
		assertThat(inherit.getBeanNamesForType(RequestMappingHandlerMapping.class)).isNotEmpty();
		assertThat(inherit.getParent().getBeanNamesForType(DispatcherServlet.class)).isEmpty();
		// Dispatching's own beans would let it reach its siblings
		assertThat(inherit.getBeanProvider(DispatchedApplications.class).getIfAvailable()).isNull();
	}

	@Test
	void mountedApplicationsFiltersRunInTheirOrderAfterTheDefaultApplicationsEarlierFilters() throws Exception {
		this.mvc.perform(get("/backend/filters"))
			.andExpect(header().stringValues(RecordingFilter.HEADER, "parent-early", "parent-shared", "backend-shared",
					"backend-first", "backend-second"));
		this.mvc.perform(get("/backend/unfiltered/filters"))
			.andExpect(header().stringValues(RecordingFilter.HEADER, "parent-early", "parent-shared", "backend-shared",
					"backend-first"));
		this.mvc.perform(get("/filters"))
			.andExpect(header().stringValues(RecordingFilter.HEADER, "parent-early", "parent-shared", "parent-late"));
	}

	@Test
	void requestAttributesOfTheDefaultApplicationsFiltersAreInvisibleToTheMountedApplication() throws Exception {
		this.mvc.perform(get("/backend/filters"))
			.andExpect(content().string("[backend-shared, backend-first, backend-second]"));
		this.mvc.perform(get("/filters")).andExpect(content().string("[parent-early, parent-shared, parent-late]"));
	}

	@Test
	void mountedApplicationListsItsOwnFilterMarksAndNoneOfTheDefaultApplications() throws Exception {
		this.mvc.perform(get("/backend/marks"))
			.andExpect(content().string("[backendFirstFilter.FILTERED=true, characterEncodingFilter.FILTERED=true, "
					+ "childPathProbeFilter.FILTERED=true, formContentFilter.FILTERED=true, "
					+ "requestContextFilter.FILTERED=true, sharedNameFilter.FILTERED=true, "
					+ "webMvcObservationFilter.FILTERED=true]"));
	}

	@Test
	void mockMvcSeesTheMountedApplicationsHandler() throws Exception {
		this.mvc.perform(get("/backend/whoami")).andExpect(handler().handlerType(BackendController.class));
	}

	@Test
	void deferredResultWorksWithAsyncDispatch() throws Exception {
		MvcResult result = this.mvc.perform(get("/backend/deferred")).andExpect(request().asyncStarted()).andReturn();
		this.mvc.perform(asyncDispatch(result))
			.andExpect(status().isOk())
			.andExpect(content().string("deferred by backend"));
	}

	@Test
	void callableWorksWithAsyncDispatch() throws Exception {
		MvcResult result = this.mvc.perform(get("/backend/callable")).andExpect(request().asyncStarted()).andReturn();
		this.mvc.perform(asyncDispatch(result))
			.andExpect(status().isOk())
			.andExpect(content().string("called by backend"));
	}

	@Test
	void sseEmitterWorksWithAsyncDispatch() throws Exception {
		MvcResult result = this.mvc.perform(get("/backend/sse")).andExpect(request().asyncStarted()).andReturn();
		this.mvc.perform(asyncDispatch(result))
			.andExpect(status().isOk())
			.andExpect(content().string("data:one\n\ndata:two\n\ndata:three\n\n"));
	}

	@Test
	void streamingResponseBodyWorksWithAsyncDispatch() throws Exception {
		MvcResult result = this.mvc.perform(get("/backend/stream")).andExpect(request().asyncStarted()).andReturn();
		this.mvc.perform(asyncDispatch(result))
			.andExpect(status().isOk())
			.andExpect(content().string("chunk 1;chunk 2;"));
	}

	@Test
	@SuppressWarnings("unchecked")
	void mountedApplicationDoesNotReinitializeLoggingOrRegisterAShutdownHook() {
		WebApplicationContext backend = this.applications.getApplicationContext("backend");
		assertThat(backend.containsBean(LoggingApplicationListener.LOGGING_SYSTEM_BEAN_NAME)).isFalse();
		LoggingSystem loggingSystem = LoggingSystem.get(getClass().getClassLoader());
		assertThat(loggingSystem.getLoggerConfiguration("dev.dispatch.probe").getEffectiveLevel())
			.isEqualTo(LogLevel.TRACE);
		Object shutdownHook = ReflectionTestUtils.getField(SpringApplication.class, "shutdownHook");
		Set<Object> contexts = (Set<Object>) ReflectionTestUtils.getField(shutdownHook, "contexts");
		assertThat(contexts).doesNotContain(backend);
	}

	@SpringBootConfiguration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	@Import({ ParentController.class, ParentService.class, JsonController.class })
	static class ParentApp {

		@Bean
		FilterRegistrationBean<PathCachingFilter> pathCachingFilter() {
			FilterRegistrationBean<PathCachingFilter> registration = new FilterRegistrationBean<>(
					new PathCachingFilter());
			registration.setOrder(-60);
			return registration;
		}

		@Bean
		FilterRegistrationBean<RecordingFilter> parentEarlyFilter() {
			FilterRegistrationBean<RecordingFilter> registration = new FilterRegistrationBean<>(
					new RecordingFilter("parent-early"));
			registration.setOrder(-50);
			return registration;
		}

		@Bean
		FilterRegistrationBean<RecordingFilter> sharedNameFilter() {
			// The mounted application has a filter of the same name: each runs once
			FilterRegistrationBean<RecordingFilter> registration = new FilterRegistrationBean<>(
					new RecordingFilter("parent-shared"));
			registration.setOrder(-40);
			return registration;
		}

		@Bean
		FilterRegistrationBean<RecordingFilter> parentLateFilter() {
			FilterRegistrationBean<RecordingFilter> registration = new FilterRegistrationBean<>(
					new RecordingFilter("parent-late"));
			registration.setOrder(Ordered.LOWEST_PRECEDENCE);
			return registration;
		}

	}

	static class ParentService {

		String describe(String user) {
			return user + " uses the parent's service";
		}

	}

	@RestController
	static class ParentController {

		private final Environment environment;

		ParentController(Environment environment) {
			this.environment = environment;
		}

		@GetMapping("/parent-only")
		String parentOnly() {
			return "parent";
		}

		@GetMapping("/props")
		String props() {
			return this.environment.getProperty("parent.only");
		}

		@GetMapping("/filters")
		String filters(HttpServletRequest request) {
			return String.valueOf(RecordingFilter.recorded(request));
		}

		@GetMapping("/**")
		String echo(HttpServletRequest request) {
			return "default " + request.getRequestURI();
		}

	}

	@Configuration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	@Import(EchoController.class)
	static class AApp {

		@Bean
		String name() {
			return "a";
		}

	}

	@Configuration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	@Import(EchoController.class)
	static class ABApp {

		@Bean
		String name() {
			return "ab";
		}

	}

	@Configuration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	@Import({ EchoController.class, JsonController.class })
	static class ApiApp {

		@Bean
		String name() {
			return "api";
		}

	}

	@Configuration(proxyBeanMethods = false)
	@EnableWebMvc
	@Import(EchoController.class)
	static class BareApp {

		@Bean
		String name() {
			return "bare";
		}

	}

	@RestController
	static class EchoController {

		private final String name;

		EchoController(String name) {
			this.name = name;
		}

		@GetMapping("/**")
		String echo(HttpServletRequest request) {
			return this.name + " " + request.getPathInfo();
		}

	}

	@Configuration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	@Import({ BackendController.class, AsyncController.class })
	static class BackendApp {

		@Bean
		String name() {
			return "backend";
		}

		@Bean
		ChildPathProbeFilter childPathProbeFilter() {
			return new ChildPathProbeFilter();
		}

		@Bean
		FilterRegistrationBean<RecordingFilter> backendSecondFilter() {
			FilterRegistrationBean<RecordingFilter> registration = new FilterRegistrationBean<>(
					new RecordingFilter("backend-second"));
			registration.addUrlPatterns("/filters");
			registration.setOrder(2);
			return registration;
		}

		@Bean
		FilterRegistrationBean<RecordingFilter> sharedNameFilter() {
			FilterRegistrationBean<RecordingFilter> registration = new FilterRegistrationBean<>(
					new RecordingFilter("backend-shared"));
			registration.setOrder(0);
			return registration;
		}

		@Bean
		FilterRegistrationBean<RecordingFilter> backendFirstFilter() {
			FilterRegistrationBean<RecordingFilter> registration = new FilterRegistrationBean<>(
					new RecordingFilter("backend-first"));
			registration.setOrder(1);
			return registration;
		}

	}

	@RestController
	static class BackendController {

		private final Environment environment;

		BackendController(Environment environment) {
			this.environment = environment;
		}

		@GetMapping("/whoami")
		String whoami() {
			return "backend";
		}

		@GetMapping("/view/**")
		ViewOfRequest view(HttpServletRequest request) {
			return new ViewOfRequest(request.getContextPath(), request.getServletPath(), request.getPathInfo(),
					request.getRequestURI(), request.getHttpServletMapping().getMappingMatch().name(),
					request.getHttpServletMapping().getPattern(), request.getHttpServletMapping().getMatchValue(),
					request.getServletContext().getContextPath(),
					ServletUriComponentsBuilder.fromCurrentContextPath().toUriString(),
					(String) request.getAttribute(ChildPathProbeFilter.ATTRIBUTE));
		}

		@GetMapping("/go")
		ModelAndView go() {
			return new ModelAndView("redirect:/target");
		}

		@GetMapping("/link")
		String link() {
			return ServletUriComponentsBuilder.fromCurrentContextPath().path("/hello").toUriString();
		}

		@GetMapping("/props")
		Props props(@Value("${greeting}") String greeting, @Value("${backend.title}") String title,
				@Value("${backend.region}") String region) {
			return new Props(greeting, title, region, this.environment.getProperty("parent.only", "(none)"),
					List.of(this.environment.getActiveProfiles()));
		}

		@GetMapping({ "/filters", "/unfiltered/filters" })
		String filters(HttpServletRequest request) {
			return String.valueOf(RecordingFilter.recorded(request));
		}

		@GetMapping("/marks")
		String marks(HttpServletRequest request) {
			return String.valueOf(Collections.list(request.getAttributeNames())
				.stream()
				.filter((name) -> name.endsWith(OncePerRequestFilter.ALREADY_FILTERED_SUFFIX))
				.sorted()
				.map((name) -> name + "=" + (request.getAttribute(name) != null))
				.toList());
		}

		@RequestMapping("/target")
		String target() {
			return "target";
		}

	}

	record ViewOfRequest(String contextPath, String servletPath, String pathInfo, String requestUri,
			String mappingMatch, String mappingPattern, String mappingValue, String servletContextPath,
			String currentContextPath, String cachedPathSeenByChildFilter) {
	}

	record Props(String greeting, String title, String region, String parentOnly, List<String> profiles) {
	}

	@Configuration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	@Import(InheritingController.class)
	static class InheritingApp {

	}

	@RestController
	static class InheritingController {

		private final ParentService service;

		InheritingController(ParentService service) {
			this.service = service;
		}

		@GetMapping("/service")
		String service() {
			return this.service.describe("inherit");
		}

	}

	@RestController
	static class JsonController {

		@GetMapping("/json")
		ContextPath json(HttpServletRequest request) {
			return new ContextPath(request.getContextPath());
		}

	}

	record ContextPath(String contextPath) {
	}

	/**
	 * Caches the parsed request path before dispatching, as Spring Security does, and
	 * records whether the default application's cached paths survive the dispatch.
	 */
	static class PathCachingFilter extends OncePerRequestFilter {

		private volatile String recorded;

		@Override
		protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
				throws ServletException, IOException {
			RequestPath parsed = ServletRequestPathUtils.parseAndCache(request);
			String lookupPath = UrlPathHelper.defaultInstance.resolveAndCacheLookupPath(request);
			chain.doFilter(request, response);
			// The default application's own Spring MVC may drop the lookup path, never
			// replace it
			Object lookupPathAfter = request.getAttribute(UrlPathHelper.PATH_ATTRIBUTE);
			boolean intact = ServletRequestPathUtils.getParsedRequestPath(request) == parsed
					&& (lookupPathAfter == null || lookupPathAfter.equals(lookupPath));
			this.recorded = parsed.pathWithinApplication().value() + " " + lookupPath + " "
					+ (intact ? "intact" : "changed");
		}

	}

	static class ChildPathProbeFilter extends OncePerRequestFilter {

		static final String ATTRIBUTE = ChildPathProbeFilter.class.getName();

		@Override
		protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
				throws ServletException, IOException {
			request.setAttribute(ATTRIBUTE, ServletRequestPathUtils.hasParsedRequestPath(request)
					? ServletRequestPathUtils.getParsedRequestPath(request).pathWithinApplication().value() : "none");
			chain.doFilter(request, response);
		}

	}

	static class RecordingFilter extends OncePerRequestFilter {

		private static final String ATTRIBUTE = RecordingFilter.class.getName();

		static final String HEADER = "X-Filter";

		private final String name;

		RecordingFilter(String name) {
			this.name = name;
		}

		@Override
		protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
				throws ServletException, IOException {
			recorded(request).add(this.name);
			// The response is the one every application writes to
			response.addHeader(HEADER, this.name);
			chain.doFilter(request, response);
		}

		@SuppressWarnings("unchecked")
		static List<String> recorded(HttpServletRequest request) {
			List<String> recorded = (List<String>) request.getAttribute(ATTRIBUTE);
			if (recorded == null) {
				recorded = new ArrayList<>();
				request.setAttribute(ATTRIBUTE, recorded);
			}
			return recorded;
		}

	}

}
