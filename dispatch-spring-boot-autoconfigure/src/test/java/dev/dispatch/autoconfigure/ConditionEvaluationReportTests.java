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

import java.lang.ref.WeakReference;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionEvaluationReport;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.core.env.Environment;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * A dispatched application's condition evaluation report: logged when the application has
 * refreshed, as Boot logs it, then let go unless the application's conditions endpoint
 * serves it.
 *
 * @author Dispatch contributors
 */
@SpringBootTest(classes = ConditionEvaluationReportTests.DefaultApp.class,
		properties = { "dispatch.path.prefix=/t", "dispatch.path.sources=" + ConditionEvaluationReportTests.TEMPLATE,
				"dispatch.path.tenants.plain.properties.greeting.enabled=true",
				"dispatch.path.tenants.reports.properties.greeting.enabled=true",
				"dispatch.path.tenants.reports.properties.management.endpoints.web.exposure.include=conditions",
				"dispatch.path.tenants.logged.properties.greeting.enabled=true",
				"logging.level.org.springframework.boot.autoconfigure.logging.ConditionEvaluationReportLogger=debug" })
@AutoConfigureMockMvc
@ExtendWith(OutputCaptureExtension.class)
class ConditionEvaluationReportTests {

	static final String TEMPLATE = "dev.dispatch.autoconfigure.ConditionEvaluationReportTests$GreetingTemplate";

	@Autowired
	private MockMvc mvc;

	@Autowired
	private ApplicationContext context;

	@Autowired
	private DispatchedApplications applications;

	@Test
	void startedApplicationWithoutConditionsEndpointLetsItsReportGo() throws Exception {
		this.mvc.perform(get("/t/plain/greeting")).andExpect(content().string("plain: hello"));
		ApplicationContext plain = this.applications.getApplicationContext("path:plain");
		assertThat(plain.getBeanNamesForType(ConditionEvaluationReport.class)).isEmpty();
		WeakReference<ConditionEvaluationReport> report = GreetingTemplate.reports.get("plain");
		assertThat(report).isNotNull();
		await().atMost(Duration.ofSeconds(10)).until(() -> {
			System.gc();
			return report.get() == null;
		});
		assertThat(this.context.getBeanNamesForType(ConditionEvaluationReport.class)).isNotEmpty();
	}

	@Test
	void applicationWhoseConditionsEndpointIsExposedServesItsOwnReport() throws Exception {
		this.mvc.perform(get("/t/reports/greeting")).andExpect(content().string("reports: hello"));
		this.mvc.perform(get("/t/reports/actuator/conditions"))
			.andExpect(status().isOk())
			.andExpect(
					content().string(containsString("\"ConditionEvaluationReportTests.GreetingTemplate#greeting\"")));
	}

	@Test
	void applicationLogsItsReportWhenItHasRefreshedAsBootDoes(CapturedOutput output) throws Exception {
		// Output is captured test by test: a tenant that only this test starts
		this.mvc.perform(get("/t/logged/greeting")).andExpect(content().string("logged: hello"));
		// The template's conditions are in the tenants' reports only
		assertThat(output).contains("CONDITIONS EVALUATION REPORT")
			.contains("ConditionEvaluationReportTests.GreetingTemplate#greeting matched");
	}

	@SpringBootConfiguration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	static class DefaultApp {

	}

	@SpringBootConfiguration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	@Import(GreetingController.class)
	static class GreetingTemplate {

		static final Map<String, WeakReference<ConditionEvaluationReport>> reports = new ConcurrentHashMap<>();

		@Bean
		@ConditionalOnBooleanProperty("greeting.enabled")
		Greeting greeting() {
			return new Greeting();
		}

		@Bean
		static BeanFactoryPostProcessor reportWatcher() {
			return (beanFactory) -> reports.put(beanFactory.getBean(Environment.class).getProperty("dispatch.tenant"),
					new WeakReference<>(ConditionEvaluationReport.get(beanFactory)));
		}

	}

	static class Greeting {

	}

	@RestController
	static class GreetingController {

		private final String tenant;

		private final ObjectProvider<Greeting> greeting;

		GreetingController(Environment environment, ObjectProvider<Greeting> greeting) {
			this.tenant = environment.getProperty("dispatch.tenant");
			this.greeting = greeting;
		}

		@GetMapping("/greeting")
		String greeting() {
			return this.tenant + ": " + ((this.greeting.getIfAvailable() != null) ? "hello" : "none");
		}

	}

}
