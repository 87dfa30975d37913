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

import dev.dispatch.application.DispatchedApplication;
import dev.dispatch.application.DispatchedApplicationRegistry;
import dev.dispatch.web.ApplicationUnavailableException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Settings that have no effect in a dispatched application fail its start with a message
 * that names the setting, where it is set and what to do instead.
 *
 * @author Dispatch contributors
 */
class IneffectivePropertiesTests {

	private final WebApplicationContextRunner contextRunner = new WebApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(DispatchAutoConfiguration.class))
		.withPropertyValues("dispatch.mounts.backend.path=/backend", "dispatch.mounts.backend.eager=true",
				"dispatch.mounts.backend.sources=" + ChildApp.class.getName());

	@ParameterizedTest(name = "{0}")
	@CsvSource(
			textBlock = """
					server.servlet.session.timeout,       5m,     the default application's server serves every application, Set it on the default application
					server.port,                          8081,   the default application's server serves every application, Set it on the default application
					logging.level.com.example,            debug,  the default application configures logging,              logging.level.<package>
					spring.servlet.multipart.max-file-size, 10MB, the container parses multipart requests,                  Set it on the default application
					management.server.port,               9090,   served by the default application's server,               Remove it
					spring.session.timeout,               5m,     Spring Session keeps every application's sessions,       Set it on the default application
					spring.main.banner-mode,              console, prints no banner,                                       Remove it
					dispatch.mounts.nested.path,          /nested, dispatching does not nest,                              Remove it
					""")
	void ineffectivePropertyOfTheMountFailsItsStartWithHelpfulMessage(String property, String value, String reason,
			String action) {
		this.contextRunner.withPropertyValues("dispatch.mounts.backend.properties." + property + "=" + value)
			.run((context) -> {
				FailureAnalysis analysis = analyze(context.getStartupFailure());
				assertThat(analysis.getDescription()).contains("The mount 'backend' failed to start")
					.contains("'" + property + "'")
					.contains("the properties of the mount 'backend'")
					.contains(reason);
				assertThat(analysis.getAction()).contains(action);
			});
	}

	@Test
	void ineffectivePropertyInTheMountsConfigFileNamesTheFileAndLine() {
		new WebApplicationContextRunner().withConfiguration(AutoConfigurations.of(DispatchAutoConfiguration.class))
			.withPropertyValues("dispatch.mounts.ineffective.path=/ineffective",
					"dispatch.mounts.ineffective.eager=true",
					"dispatch.mounts.ineffective.sources=" + ChildApp.class.getName())
			.run((context) -> {
				FailureAnalysis analysis = analyze(context.getStartupFailure());
				assertThat(analysis.getDescription()).contains("'server.servlet.session.timeout'")
					.contains("class path resource [ineffective.yml] - 4:16 of the mount 'ineffective'");
				assertThat(analysis.getAction()).startsWith("Set it on the default application")
					.contains("remove it from class path resource [ineffective.yml]");
			});
	}

	@Test
	void propertiesOfTheWholeProcessAreLeftToTheDefaultApplication() {
		this.contextRunner.withSystemProperties("server.port=0", "logging.level.com.example=debug")
			.run((context) -> assertThat(context).hasNotFailed());
	}

	@Test
	void lazyMountWithAnIneffectivePropertyAnswers503() {
		new WebApplicationContextRunner().withConfiguration(AutoConfigurations.of(DispatchAutoConfiguration.class))
			.withPropertyValues("dispatch.mounts.backend.path=/backend",
					"dispatch.mounts.backend.sources=" + ChildApp.class.getName(),
					"dispatch.mounts.backend.properties.server.port=8081")
			.run((context) -> {
				assertThat(context).hasNotFailed();
				DispatchedApplication backend = context.getBean(DispatchedApplicationRegistry.class).getMounts().get(0);
				assertThatExceptionOfType(ApplicationUnavailableException.class).isThrownBy(backend::acquire);
				assertThat(backend.getState()).isEqualTo(DispatchedApplication.State.FAILED);
				assertThat(backend.getFailure()).contains("'server.port'");
			});
	}

	private static FailureAnalysis analyze(Throwable failure) {
		assertThat(failure).isNotNull();
		FailureAnalysis analysis = new DispatchedApplicationStartupFailureAnalyzer().analyze(failure);
		assertThat(analysis).as("failure analysis of %s", failure).isNotNull();
		return analysis;
	}

	@Configuration(proxyBeanMethods = false)
	static class ChildApp {

	}

}
