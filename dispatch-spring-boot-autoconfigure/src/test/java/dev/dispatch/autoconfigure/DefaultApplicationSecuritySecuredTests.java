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

import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.security.autoconfigure.SecurityAutoConfiguration;
import org.springframework.boot.security.autoconfigure.UserDetailsServiceAutoConfiguration;
import org.springframework.boot.security.autoconfigure.actuate.web.servlet.ManagementWebSecurityAutoConfiguration;
import org.springframework.boot.security.autoconfigure.web.servlet.SecurityFilterAutoConfiguration;
import org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration;
import org.springframework.boot.security.oauth2.server.resource.autoconfigure.OAuth2ResourceServerAutoConfiguration;
import org.springframework.boot.security.oauth2.server.resource.autoconfigure.web.OAuth2ResourceServerWebSecurityAutoConfiguration;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A mount that the default application's security guards has no security of its own, and
 * what that relies on in Spring Security and Spring Boot.
 *
 * @author Dispatch contributors
 */
class DefaultApplicationSecuritySecuredTests {

	@Test
	void guardedMountWithSecurityOfItsOwnFailsItsStartWithHelpfulMessage() {
		new WebApplicationContextRunner().withConfiguration(AutoConfigurations.of(DispatchAutoConfiguration.class))
			.withPropertyValues("dispatch.mounts.backend.path=/backend", "dispatch.mounts.backend.eager=true",
					"dispatch.mounts.backend.security=default-application",
					"dispatch.mounts.backend.sources=" + SecuredApplication.class.getName())
			.run((context) -> {
				assertThat(context).hasFailed();
				FailureAnalysis analysis = new DispatchedApplicationStartupFailureAnalyzer()
					.analyze(context.getStartupFailure());
				assertThat(analysis.getDescription()).contains("declares Spring Security filters of its own")
					.contains("'dispatch.mounts.backend.security' is 'default-application'");
			});
	}

	@Test
	void springBootsServletSecurityAutoConfigurationsAreInThePackageThatGuardedApplicationsLeaveOut() {
		assertThat(new Class<?>[] { SecurityAutoConfiguration.class, UserDetailsServiceAutoConfiguration.class,
				SecurityFilterAutoConfiguration.class, ServletWebSecurityAutoConfiguration.class,
				ManagementWebSecurityAutoConfiguration.class, OAuth2ResourceServerAutoConfiguration.class,
				OAuth2ResourceServerWebSecurityAutoConfiguration.class })
			.allSatisfy((type) -> assertThat(type.getName())
				.startsWith(DispatchedApplicationAutoConfigurationFilter.SECURITY_PACKAGE));
	}

}
