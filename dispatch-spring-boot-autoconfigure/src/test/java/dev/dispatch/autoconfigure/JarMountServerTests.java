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

import java.net.CookieManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import com.jayway.jsonpath.JsonPath;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.SpringBootVersion;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.util.ClassUtils;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * Applications built on their own, mounted from their executable jars on a real server:
 * each sees only its own classes, libraries, configuration, resources and data, and the
 * default application sees none of theirs. The shop runs on another Spring Boot minor and
 * an older SnakeYAML than the default application.
 *
 * @author Dispatch contributors
 */
@ExtendWith(OutputCaptureExtension.class)
@SpringBootTest(classes = JarMountServerTests.HostApp.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "dispatch.mounts.shop.path=/shop", "dispatch.mounts.shop.location=" + JarMountServerTests.SHOP,
				"dispatch.mounts.shop.properties.greeting=hello from the mount", "dispatch.mounts.notes.path=/notes",
				"dispatch.mounts.notes.location=" + JarMountServerTests.NOTES, "dispatch.mounts.notes.eager=true",
				"host.only=the host's", "management.endpoints.web.exposure.include=dispatch,health",
				"management.endpoint.health.show-details=always" })
class JarMountServerTests {

	static final String SHOP = "file:../dispatch-test-apps/shop/target/shop.jar";

	static final String NOTES = "file:../dispatch-test-apps/notes/target/notes.jar";

	@LocalServerPort
	private int port;

	@Autowired
	private DispatchedApplications applications;

	@Autowired
	private MeterRegistry meterRegistry;

	@Test
	void eachApplicationRunsItsOwnSpringBootAndLibraries() {
		String info = get("/shop/info").body();
		assertThat(info).contains("\"bootVersion\":\"4.0.7\"").contains("\"snakeYamlVersion\":\"2.2\"");
		assertThat(SpringBootVersion.getVersion()).isNotEqualTo("4.0.7");
		assertThat(getClass().getClassLoader().getResource("META-INF/maven/org.yaml/snakeyaml/pom.properties"))
			.isNotNull()
			.asString()
			.doesNotContain("2.2");
		assertThat(info).contains("\"contextClassLoaderIsOwn\":true");
	}

	@Test
	void applicationReadsItsOwnConfigFilesUnderTheMountsProperties() {
		assertThat(get("/shop/info?property=shop.title").body()).contains("\"property\":\"The Shop\"");
		assertThat(get("/shop/info?property=greeting").body()).contains("\"property\":\"hello from the mount\"");
		assertThat(get("/notes/").body()).contains("\"owner\":\"nobody\"");
	}

	@Test
	void applicationSeesNoneOfTheDefaultApplicationsConfigurationClassesOrResources() {
		assertThat(get("/shop/info?property=host.only").body()).contains("\"property\":null");
		assertThat(get("/shop/info?className=" + HostApp.class.getName()).body()).contains("\"classVisible\":false");
		assertThat(get("/shop/info?className=dev.dispatch.autoconfigure.DispatchAutoConfiguration").body())
			.contains("\"classVisible\":false");
		assertThat(get("/shop/info?className=com.example.notes.NotesApplication").body())
			.contains("\"classVisible\":false");
		assertThat(get("/shop/info?resource=META-INF/spring/"
				+ "org.springframework.boot.autoconfigure.AutoConfiguration.imports")
			.body()).contains("\"resourceVisible\":true");
		assertThat(get("/shop/info?resource=acme.yml").body()).contains("\"resourceVisible\":false");
		assertThat(get("/shop/info?className=jakarta.servlet.Filter").body()).contains("\"classVisible\":true");
	}

	@Test
	void defaultApplicationSeesNoneOfTheApplicationsClassesResourcesOrPages() {
		ClassLoader classLoader = getClass().getClassLoader();
		assertThat(ClassUtils.isPresent("com.example.shop.ShopApplication", classLoader)).isFalse();
		assertThat(classLoader.getResource("templates/error.html")).isNull();
		assertThat(classLoader.getResource("static/shop.css")).isNull();
		assertThat(classLoader.getResource("banner.txt")).isNull();
		assertThat(get("/shop.css").statusCode()).isEqualTo(404);
		assertThat(TestRequests.get(this.port, "/missing", "Accept", "text/html").body())
			.doesNotContain("Shop error page");
		assertThat(get("/whoami").body()).isEqualTo("default");
	}

	@Test
	void applicationServesItsStaticFilesTemplatesAndErrorPageUnderItsPath() {
		HttpResponse<String> css = get("/shop/shop.css");
		assertThat(css.statusCode()).isEqualTo(200);
		assertThat(css.body()).contains("teal");
		HttpResponse<String> index = get("/shop/");
		assertThat(index.body()).contains("<h1>The Shop</h1>").contains("href=\"/shop/shop.css\"");
		HttpResponse<String> boom = TestRequests.get(this.port, "/shop/boom", "Accept", "text/html");
		assertThat(boom.statusCode()).isEqualTo(500);
		assertThat(boom.body()).contains("Shop error page");
		HttpResponse<String> missing = TestRequests.get(this.port, "/shop/missing", "Accept", "text/html");
		assertThat(missing.statusCode()).isEqualTo(404);
		assertThat(missing.body()).contains("Shop error page");
	}

	@Test
	void mountPathWithoutTrailingSlashRedirects() {
		HttpResponse<String> response = get("/shop");
		assertThat(response.statusCode()).isEqualTo(302);
		assertThat(response.headers().firstValue("Location"))
			.hasValueSatisfying((location) -> assertThat(location).endsWith("/shop/"));
	}

	@Test
	void asyncRequestIsServedByTheApplicationsOwnExecutor() {
		HttpResponse<String> response = get("/shop/later");
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.body()).startsWith("later from task-");
	}

	@Test
	void endpointHealthAndMetricsDescribeTheApplication() {
		get("/shop/info");
		String shop = get("/actuator/dispatch/shop").body();
		assertThat(JsonPath.<String>read(shop, "$.state")).isEqualTo("RUNNING");
		assertThat(JsonPath.<String>read(shop, "$.path")).isEqualTo("/shop");
		String health = get("/actuator/health").body();
		assertThat(JsonPath.<String>read(health, "$.components.dispatch.components.mounts.components.shop.status"))
			.isEqualTo("UP");
		assertThat(this.meterRegistry.get("dispatch.application.requests")
			.tag("group", "mounts")
			.functionCounter()
			.count()).isPositive();
	}

	@Test
	void applicationKeepsItsDataInItsOwnDatabase() {
		HttpResponse<String> added = TestRequests.post(this.port, "/shop/products?name=apple");
		assertThat(added.statusCode()).isEqualTo(200);
		assertThat(get("/shop/products").body()).contains("apple");
		assertThat(get("/shop/").body()).containsPattern("Products: <span>[1-9]");
	}

	@Test
	void applicationKeepsItsSessionAttributesInTheSharedSession() throws Exception {
		HttpClient browser = HttpClient.newBuilder().cookieHandler(new CookieManager()).build();
		HttpRequest visits = HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + "/shop/visits"))
			.build();
		assertThat(browser.send(visits, HttpResponse.BodyHandlers.ofString()).body()).isEqualTo("1");
		assertThat(browser.send(visits, HttpResponse.BodyHandlers.ofString()).body()).isEqualTo("2");
		assertThat(get("/shop/visits").body()).as("another session").isEqualTo("1");
	}

	@Test
	void applicationLogsToTheProcesssLoggingUnderItsOwnLoggerNamesWithoutABanner(CapturedOutput output) {
		// Started with the test's context, before the output was captured
		assertThat(this.applications.getApplication("notes").state()).isEqualTo(DispatchedApplications.State.RUNNING);
		TestRequests.post(this.port, "/shop/products?name=pear");
		assertThat(output).containsPattern("INFO .*com\\.example\\.shop\\.ShopController .*Adding product pear");
		assertThat(output.getAll()).doesNotContain("SHOP BANNER");
	}

	@Test
	void contextOfAnApplicationOfItsOwnSpringIsNotHandedOut() {
		get("/shop/info");
		assertThatIllegalStateException().isThrownBy(() -> this.applications.getApplicationContext("shop"))
			.withMessageContaining("class loader of its own");
		assertThat(this.applications.getApplication("shop").state()).isEqualTo(DispatchedApplications.State.RUNNING);
	}

	private HttpResponse<String> get(String path) {
		return TestRequests.get(this.port, path);
	}

	@SpringBootConfiguration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	@Import(WhoAmIController.class)
	static class HostApp {

		@org.springframework.context.annotation.Bean
		String name() {
			return "default";
		}

	}

}
