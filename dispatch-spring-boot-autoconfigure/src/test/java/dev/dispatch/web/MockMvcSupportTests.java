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

package dev.dispatch.web;

import jakarta.servlet.Servlet;
import org.junit.jupiter.api.Test;

import org.springframework.mock.web.MockServletContext;
import org.springframework.test.util.ReflectionTestUtils;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.web.context.support.GenericWebApplicationContext;
import org.springframework.web.servlet.DispatcherServlet;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Fails, naming it, when an upgrade of spring-test changes one of the two details that
 * {@link MockMvcSupport} relies on.
 *
 * @author Dispatch contributors
 */
class MockMvcSupportTests {

	@Test
	void mockMvcRequestsAreToldByTheAttributeThatMockMvcSets() {
		assertThat(ReflectionTestUtils.getField(MockMvc.class, "MVC_RESULT_ATTRIBUTE"))
			.isEqualTo(ContainerAttributes.MOCK_MVC_RESULT_ATTRIBUTE);
	}

	@Test
	void testDispatcherServletIsCreatedForAnApplicationsContext() throws Exception {
		GenericWebApplicationContext context = new GenericWebApplicationContext(new MockServletContext());
		Servlet servlet = MockMvcSupport.createTestServlet(context, "mount 'backend'");
		assertThat(servlet.getClass().getName()).isEqualTo(MockMvcSupport.TEST_DISPATCHER_SERVLET_CLASS);
		assertThat(servlet).isInstanceOf(DispatcherServlet.class);
		assertThat(((DispatcherServlet) servlet).getWebApplicationContext()).isSameAs(context);
	}

}
