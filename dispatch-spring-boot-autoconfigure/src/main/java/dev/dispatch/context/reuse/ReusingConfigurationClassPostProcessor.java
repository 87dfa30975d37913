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

package dev.dispatch.context.reuse;

import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.beans.factory.support.DefaultListableBeanFactory;
import org.springframework.context.annotation.ConfigurationClassPostProcessor;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.Environment;
import org.springframework.core.metrics.ApplicationStartup;
import org.springframework.core.metrics.StartupStep;

/**
 * Spring's {@link ConfigurationClassPostProcessor}, for a dispatched application: the
 * first application of a template records what processing its configuration classes
 * produced, and the next ones reuse it when it {@link RecordedConfiguration applies} to
 * them. Either way the post-processor goes on to enhance the configuration classes and to
 * serve {@code ImportAware} beans, as Spring's does.
 *
 * @author Dispatch contributors
 */
public class ReusingConfigurationClassPostProcessor extends ConfigurationClassPostProcessor {

	private @Nullable Environment environment;

	private ApplicationStartup applicationStartup = ApplicationStartup.DEFAULT;

	@Override
	public void setEnvironment(Environment environment) {
		super.setEnvironment(environment);
		this.environment = environment;
	}

	@Override
	public void setApplicationStartup(ApplicationStartup applicationStartup) {
		super.setApplicationStartup(applicationStartup);
		this.applicationStartup = applicationStartup;
	}

	@Override
	public void postProcessBeanDefinitionRegistry(BeanDefinitionRegistry registry) {
		if (!(registry instanceof TemplateBeanFactory beanFactory)
				|| !(this.environment instanceof ConfigurableEnvironment configurable)) {
			super.postProcessBeanDefinitionRegistry(registry);
			return;
		}
		ConfigurationTemplate template = beanFactory.getConfigurationTemplate();
		if (template.isRecorded()) {
			RecordedConfiguration configuration = template.get();
			if (configuration != null) {
				reuse(configuration, configurable, (DefaultListableBeanFactory) registry);
			}
			// Processes the configuration classes, or, after a reuse, finds every one
			// processed already, to enhance them later
			super.postProcessBeanDefinitionRegistry(registry);
			return;
		}
		ConfigurationRecorder recording = new ConfigurationRecorder(configurable,
				(DefaultListableBeanFactory) registry);
		try {
			super.postProcessBeanDefinitionRegistry(registry);
		}
		catch (RuntimeException ex) {
			// Not recorded: the next application records its own
			recording.cancel();
			throw ex;
		}
		template.recorded(recording.finish());
	}

	private void reuse(RecordedConfiguration configuration, ConfigurableEnvironment environment,
			DefaultListableBeanFactory beanFactory) {
		StartupStep step = this.applicationStartup.start("dispatch.config-classes.reuse");
		boolean applies = configuration.appliesTo(environment, beanFactory);
		if (applies) {
			configuration.applyTo(beanFactory);
		}
		step.tag("reused", String.valueOf(applies)).end();
	}

}
