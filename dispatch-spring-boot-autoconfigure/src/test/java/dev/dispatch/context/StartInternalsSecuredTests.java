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

import org.junit.jupiter.api.Test;

import org.springframework.security.config.BeanIds;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.util.ClassUtils;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Fails, naming it, when an upgrade of Spring Security changes one of the names that
 * {@link StartInternals} and {@link InheritedBeans} rely on.
 *
 * @author Dispatch contributors
 */
class StartInternalsSecuredTests {

	@Test
	void springSecurityFilterChainBeanIsNamedAsSpringSecurityNamesIt() {
		assertThat(StartInternals.SPRING_SECURITY_FILTER_CHAIN).isEqualTo(BeanIds.SPRING_SECURITY_FILTER_CHAIN);
	}

	@Test
	void securityFilterChainIsSpringSecuritys() {
		assertThat(StartInternals.SECURITY_FILTER_CHAIN_CLASS).isEqualTo(SecurityFilterChain.class.getName());
	}

	@Test
	void securityTypesThatInheritingApplicationsLeaveOutExist() {
		assertThat(InheritedBeans.EXCLUDED_TYPES.stream()
			.filter((name) -> name.startsWith("org.springframework.security."))).isNotEmpty()
			.allSatisfy(
					(name) -> assertThat(ClassUtils.isPresent(name, getClass().getClassLoader())).as(name).isTrue());
	}

}
