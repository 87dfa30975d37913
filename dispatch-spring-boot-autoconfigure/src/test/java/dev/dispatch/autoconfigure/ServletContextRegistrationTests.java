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

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpSessionListener;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.boot.web.servlet.ServletContextInitializer;
import org.springframework.boot.web.servlet.ServletListenerRegistrationBean;
import org.springframework.boot.web.servlet.ServletRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a dispatched application registers on its servlet context that only the container
 * could honour fails its start with a message that says what to do instead.
 *
 * @author Dispatch contributors
 */
class ServletContextRegistrationTests {

	private final WebApplicationContextRunner contextRunner = new WebApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(DispatchAutoConfiguration.class))
		.withPropertyValues("dispatch.mounts.backend.path=/backend", "dispatch.mounts.backend.eager=true");

	@Test
	void servletOtherThanTheDispatcherServletFailsTheStart() {
		assertStartFails(ServletApp.class, "registers the servlet 'console'",
				"serves its requests with its DispatcherServlet only");
	}

	@Test
	void servletListenerFailsTheStart() {
		assertStartFails(ListenerApp.class, "registers the servlet listener",
				"the container notifies only the default application's listeners");
	}

	@Test
	void servletContextInitializerThatAddsAServletFailsTheStart() {
		assertStartFails(InitializerApp.class, "registers the servlet 'added'",
				"serves its requests with its DispatcherServlet only");
	}

	private void assertStartFails(Class<?> source, String... messages) {
		this.contextRunner.withPropertyValues("dispatch.mounts.backend.sources=" + source.getName()).run((context) -> {
			assertThat(context).hasFailed();
			FailureAnalysis analysis = new DispatchedApplicationStartupFailureAnalyzer()
				.analyze(context.getStartupFailure());
			assertThat(analysis).isNotNull();
			assertThat(analysis.getDescription()).contains("The mount 'backend' failed to start").contains(messages);
		});
	}

	@Configuration(proxyBeanMethods = false)
	static class ServletApp {

		@Bean
		ServletRegistrationBean<HttpServlet> console() {
			ServletRegistrationBean<HttpServlet> registration = new ServletRegistrationBean<>(new HttpServlet() {
			}, "/console/*");
			registration.setName("console");
			return registration;
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class ListenerApp {

		@Bean
		ServletListenerRegistrationBean<HttpSessionListener> sessionListener() {
			return new ServletListenerRegistrationBean<>(new HttpSessionListener() {
			});
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class InitializerApp {

		@Bean
		ServletContextInitializer servletAdder() {
			return (servletContext) -> servletContext.addServlet("added", new HttpServlet() {
			});
		}

	}

}
