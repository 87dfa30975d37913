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

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import dev.dispatch.autoconfigure.DispatchedApplications;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.thymeleaf.TemplateEngine;
import org.thymeleaf.templateparser.ITemplateParser;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.core.io.ClassPathResource;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Tenants of one template whose Thymeleaf settings differ (template location, suffix,
 * mode, a title) render their own pages, one after the other and at once, whether their
 * engines parse with the shared parsers or with their own.
 *
 * @author Dispatch contributors
 */
class SharedTemplateParsersThymeleafTests {

	private static final String[] TENANTS = { "dispatch.path.prefix=/t",
			"dispatch.path.sources=" + PageApp.class.getName(),
			// Parsed again at every request
			"dispatch.path.properties.spring.thymeleaf.cache=false",
			"dispatch.path.tenants.html.properties.spring.thymeleaf.prefix=classpath:/thymeleaf/html/",
			"dispatch.path.tenants.html.properties.page.title=The HTML tenant",
			"dispatch.path.tenants.text.properties.spring.thymeleaf.prefix=classpath:/thymeleaf/text/",
			"dispatch.path.tenants.text.properties.spring.thymeleaf.suffix=.txt",
			"dispatch.path.tenants.text.properties.spring.thymeleaf.mode=TEXT",
			"dispatch.path.tenants.text.properties.page.title=The TEXT tenant" };

	private final HttpClient client = HttpClient.newHttpClient();

	private ConfigurableApplicationContext context;

	@AfterEach
	void close() {
		if (this.context != null) {
			this.context.close();
		}
	}

	@Test
	void tenantsWhoseSettingsDifferParseWithTheSameParsersAndRenderTheirOwnPages() throws Exception {
		start();
		assertRendersItsOwnPages();
		await().atMost(Duration.ofSeconds(10))
			.untilAsserted(() -> assertThat(parsers("html")).hasSize(SharedTemplateParsers.PARSER_FIELDS.size())
				.isEqualTo(parsers("text")));
		assertRendersItsOwnPages();
		assertRenderTheirOwnPagesAtOnce();
	}

	@Test
	void tenantsKeepParsersOfTheirOwnWhenTheSharingIsOff() throws Exception {
		start("dispatch.optimizations.shared-template-parsers=false");
		assertRendersItsOwnPages();
		List<ITemplateParser> html = parsers("html");
		assertThat(parsers("text")).hasSameSizeAs(html).doesNotContainAnyElementsOf(html);
		assertRenderTheirOwnPagesAtOnce();
	}

	private void start(String... properties) {
		this.context = new SpringApplicationBuilder(HostApp.class)
			.properties("server.port=0", "spring.thymeleaf.check-template-location=false")
			.properties(TENANTS)
			.properties(properties)
			.run();
	}

	private void assertRendersItsOwnPages() throws Exception {
		assertThat(get("html")).isEqualTo(expected("html"));
		assertThat(get("text")).isEqualTo(expected("text"));
	}

	// Parses of the two tenants' pages overlap, each in buffers from the same pools when
	// they are shared
	private void assertRenderTheirOwnPagesAtOnce() throws Exception {
		ExecutorService executor = Executors.newFixedThreadPool(8);
		try {
			List<Future<Boolean>> rendered = new ArrayList<>();
			for (int i = 0; i < 200; i++) {
				String tenant = (i % 2 == 0) ? "html" : "text";
				rendered.add(executor.submit(() -> get(tenant).equals(expected(tenant))));
			}
			for (Future<Boolean> page : rendered) {
				assertThat(page.get()).isTrue();
			}
		}
		finally {
			executor.shutdownNow();
		}
	}

	private List<ITemplateParser> parsers(String tenant) {
		DispatchedApplications applications = this.context.getBean(DispatchedApplications.class);
		TemplateEngine engine = applications.getApplicationContext("path:" + tenant).getBean(TemplateEngine.class);
		return SharedTemplateParsers.parsersOf(engine);
	}

	private String get(String tenant) throws Exception {
		int port = ((WebServerApplicationContext) this.context).getWebServer().getPort();
		HttpResponse<String> response = this.client.send(
				HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/t/" + tenant + "/page")).build(),
				HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).isEqualTo(200);
		return response.body();
	}

	private static String expected(String tenant) throws Exception {
		String template = new ClassPathResource(
				"thymeleaf/" + tenant + "/page." + (tenant.equals("html") ? "html" : "txt"))
			.getContentAsString(StandardCharsets.UTF_8);
		return tenant.equals("html")
				? template.replace("<h1 th:text=\"${title}\">Title</h1>", "<h1>The HTML tenant</h1>")
					.replace(" xmlns:th=\"http://www.thymeleaf.org\"", "")
				: template.replace("[(${title})]", "The TEXT tenant");
	}

	@SpringBootConfiguration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	static class HostApp {

	}

	@Configuration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	@Import(PageController.class)
	static class PageApp {

	}

	@Controller
	static class PageController {

		private final String title;

		PageController(@Value("${page.title}") String title) {
			this.title = title;
		}

		@GetMapping("/page")
		String page(Model model) {
			model.addAttribute("title", this.title);
			return "page";
		}

	}

}
