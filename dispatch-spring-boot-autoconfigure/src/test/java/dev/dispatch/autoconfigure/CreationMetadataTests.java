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
import java.lang.reflect.Method;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import jakarta.annotation.PreDestroy;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.beans.factory.support.RootBeanDefinition;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Scope;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.util.ReflectionUtils;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;

/**
 * What a dispatched application's start computes besides its beans: the creation metadata
 * of its singletons, which it lets go once they are created, and Spring's process-wide
 * reflection caches, which its refresh and close leave to the applications that start
 * next.
 *
 * @author Dispatch contributors
 */
@SpringBootTest(classes = CreationMetadataTests.DefaultApp.class,
		properties = { "dispatch.path.prefix=/t", "dispatch.path.sources=" + CreationMetadataTests.TEMPLATE,
				"dispatch.path.tenants.released.properties.salutation.formal=good day",
				"dispatch.path.tenants.working.properties.salutation.formal=good day",
				"dispatch.path.tenants.cached.properties.salutation.formal=good day" })
@AutoConfigureMockMvc
class CreationMetadataTests {

	static final String TEMPLATE = "dev.dispatch.autoconfigure.CreationMetadataTests$SalutationTemplate";

	@Autowired
	private MockMvc mvc;

	@Autowired
	private DispatchedApplications applications;

	@Test
	void startedApplicationLetsGoOfHowItsSingletonsWereCreated() throws Exception {
		this.mvc.perform(get("/t/released/greeting")).andExpect(content().string("good day from released"));
		WeakReference<BeanDefinition> creation = SalutationTemplate.creationMetadata.get("released");
		assertThat(creation).isNotNull();
		await().atMost(Duration.ofSeconds(10)).until(() -> {
			System.gc();
			return creation.get() == null;
		});
		ConfigurableListableBeanFactory beanFactory = beanFactory("released");
		// What type matching reads is carried over
		RootBeanDefinition formal = (RootBeanDefinition) beanFactory.getMergedBeanDefinition("formal");
		assertThat(formal.getResolvedFactoryMethod()).isNotNull()
			.satisfies((method) -> assertThat(method.getName()).isEqualTo("formal"));
	}

	@Test
	void startedApplicationStillMatchesAutowiresAndDestroysItsBeans() throws Exception {
		// A prototype whose factory method's argument is qualified: made by every request
		this.mvc.perform(get("/t/working/greeting")).andExpect(content().string("good day from working"));
		this.mvc.perform(get("/t/working/greeting")).andExpect(content().string("good day from working"));
		this.mvc.perform(get("/t/working/salutations")).andExpect(content().string("[formal, casual]"));
		ConfigurableListableBeanFactory beanFactory = beanFactory("working");
		assertThat(beanFactory.getBean(Greeter.class).environment).isNotNull();
		((ConfigurableApplicationContext) this.applications.getApplicationContext("path:working")).close();
		assertThat(SalutationTemplate.destroyed).contains("formal closed in working", "casual closed in working",
				"greeter destroyed in working");
	}

	@Test
	void applicationsLeaveSpringsSharedReflectionCachesToTheApplicationsThatStartNext() throws Exception {
		Method[] before = ReflectionUtils.getDeclaredMethods(Salutation.class);
		this.mvc.perform(get("/t/cached/greeting")).andExpect(content().string("good day from cached"));
		((ConfigurableApplicationContext) this.applications.getApplicationContext("path:cached")).close();
		Method[] after = ReflectionUtils.getDeclaredMethods(Salutation.class);
		assertThat(after).hasSameSizeAs(before);
		for (int i = 0; i < before.length; i++) {
			assertThat(after[i]).isSameAs(before[i]);
		}
	}

	private ConfigurableListableBeanFactory beanFactory(String tenant) {
		return ((ConfigurableApplicationContext) this.applications.getApplicationContext("path:" + tenant))
			.getBeanFactory();
	}

	@SpringBootConfiguration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	static class DefaultApp {

	}

	@SpringBootConfiguration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	@Import({ SalutationController.class, Greeter.class })
	static class SalutationTemplate {

		static final Map<String, WeakReference<BeanDefinition>> creationMetadata = new ConcurrentHashMap<>();

		static final List<String> destroyed = new CopyOnWriteArrayList<>();

		@Bean
		@Qualifier("formal")
		Salutation formal(Environment environment) {
			return new Salutation("formal", environment.getProperty("salutation.formal"),
					environment.getProperty("dispatch.tenant"));
		}

		@Bean
		@Qualifier("casual")
		Salutation casual(Environment environment) {
			return new Salutation("casual", "hi", environment.getProperty("dispatch.tenant"));
		}

		@Bean
		@Scope("prototype")
		Reply reply(@Qualifier("formal") Salutation salutation) {
			return new Reply(salutation.words + " from " + salutation.tenant);
		}

		@Bean
		static BeanPostProcessor creationMetadataWatcher(ConfigurableListableBeanFactory beanFactory,
				Environment environment) {
			return new BeanPostProcessor() {

				@Override
				public Object postProcessAfterInitialization(Object bean, String beanName) {
					if (beanName.equals("formal")) {
						creationMetadata.put(environment.getProperty("dispatch.tenant"),
								new WeakReference<>(beanFactory.getMergedBeanDefinition(beanName)));
					}
					return bean;
				}

			};
		}

	}

	static class Salutation implements AutoCloseable {

		private final String name;

		private final String words;

		private final String tenant;

		Salutation(String name, String words, String tenant) {
			this.name = name;
			this.words = words;
			this.tenant = tenant;
		}

		// Inferred as the bean's destroy method
		@Override
		public void close() {
			SalutationTemplate.destroyed.add(this.name + " closed in " + this.tenant);
		}

	}

	record Reply(String text) {

	}

	@Component
	static class Greeter {

		@Autowired
		Environment environment;

		@PreDestroy
		void destroy() {
			SalutationTemplate.destroyed.add("greeter destroyed in " + this.environment.getProperty("dispatch.tenant"));
		}

	}

	@RestController
	static class SalutationController {

		private final ObjectProvider<Reply> replies;

		private final ListableBeanFactory beanFactory;

		SalutationController(ObjectProvider<Reply> replies, ListableBeanFactory beanFactory) {
			this.replies = replies;
			this.beanFactory = beanFactory;
		}

		@GetMapping("/greeting")
		String greeting() {
			return this.replies.getObject().text();
		}

		@GetMapping("/salutations")
		String salutations() {
			// Not cached: matches each bean definition against the type
			return List.of(this.beanFactory.getBeanNamesForType(Salutation.class, false, false)).toString();
		}

	}

}
