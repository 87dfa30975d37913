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

import java.util.Map;

import dev.dispatch.context.reuse.ConfigurationTemplate;
import dev.dispatch.context.reuse.ReusingConfigurationClassPostProcessor;
import dev.dispatch.context.reuse.TemplateBeanFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.support.DefaultListableBeanFactory;
import org.springframework.beans.factory.support.RootBeanDefinition;
import org.springframework.boot.web.context.servlet.AnnotationConfigServletWebApplicationContext;
import org.springframework.context.annotation.AnnotationConfigUtils;
import org.springframework.core.io.Resource;
import org.springframework.core.type.classreading.MetadataReader;

/**
 * The context of a dispatched application: Boot's servlet web application context, made
 * for one of many applications that come and go in a process that outlives them.
 *
 * @author Dispatch contributors
 */
final class DispatchedApplicationContext extends AnnotationConfigServletWebApplicationContext {

	private final @Nullable SharedMetadataReaderFactory metadataReaderFactory;

	private final boolean keepCommonCaches;

	/**
	 * Create a context for an application.
	 * @param template the template of the application, whose applications may reuse what
	 * processing the configuration classes of the first produced, or {@code null} to
	 * process them as Spring does
	 * @param metadataReaderFactory the class metadata that every dispatched application
	 * reads, or {@code null} to read its own
	 * @param keepCommonCaches whether to leave Spring's process-wide caches as they are
	 * when the context has refreshed or closed
	 */
	DispatchedApplicationContext(@Nullable ConfigurationTemplate template,
			@Nullable SharedMetadataReaderFactory metadataReaderFactory, boolean keepCommonCaches) {
		super(new DispatchedBeanFactory((template != null) ? template : ConfigurationTemplate.unique()));
		this.metadataReaderFactory = metadataReaderFactory;
		this.keepCommonCaches = keepCommonCaches;
		if (template != null) {
			// Registered by the super constructor, created when the context refreshes
			RootBeanDefinition processor = (RootBeanDefinition) getBeanFactory()
				.getBeanDefinition(AnnotationConfigUtils.CONFIGURATION_ANNOTATION_PROCESSOR_BEAN_NAME);
			processor.setBeanClass(ReusingConfigurationClassPostProcessor.class);
		}
	}

	/**
	 * The class metadata that scanners read is the shared one: a scanner's
	 * {@code CachingMetadataReaderFactory} keeps what it reads in its context's cache,
	 * which would read every class of the scanned packages again for each application.
	 * (The scanner of the context's own {@code scan(...)} asks from the super
	 * constructor, and keeps a cache of the context's.)
	 */
	@Override
	@SuppressWarnings("unchecked")
	public <T> Map<Resource, T> getResourceCache(Class<T> valueType) {
		if (valueType == MetadataReader.class && this.metadataReaderFactory != null) {
			return (Map<Resource, T>) this.metadataReaderFactory.asResourceCache();
		}
		return super.getResourceCache(valueType);
	}

	/**
	 * Let go of what creating the application's singletons cached, once they are created.
	 * @see DispatchedBeanFactory#remergeCreatedSingletons()
	 */
	void releaseCreationMetadata() {
		((DispatchedBeanFactory) getDefaultListableBeanFactory()).remergeCreatedSingletons();
	}

	/**
	 * Leaves Spring's process-wide reflection, annotation, type and bean introspection
	 * caches as they are. Spring clears them whenever a context has refreshed or closed,
	 * so that a process lets go of what its start read. Here the process goes on starting
	 * applications of the same classes, from the default application's class loader,
	 * which outlives them: each clear made the next start read those classes again and
	 * keep its own copies of their methods. The caches grow with the classes, not with
	 * the applications (all but the bean introspection cache hold their entries softly),
	 * and the default application's refresh clears them as Spring does.
	 */
	@Override
	protected void resetCommonCaches() {
		if (!this.keepCommonCaches) {
			super.resetCommonCaches();
		}
	}

	/**
	 * A bean factory that can let go of what creating its singletons cached.
	 */
	static final class DispatchedBeanFactory extends DefaultListableBeanFactory implements TemplateBeanFactory {

		private final ConfigurationTemplate template;

		DispatchedBeanFactory(ConfigurationTemplate template) {
			this.template = template;
		}

		@Override
		public ConfigurationTemplate getConfigurationTemplate() {
			return this.template;
		}

		/**
		 * Merge the bean definitions of the singletons that have been created again. A
		 * merged bean definition caches how its bean was created: the constructor or
		 * factory method, the resolved arguments and the members that post-processors
		 * injected, nearly a tenth of an idle application's heap. A created singleton
		 * never needs them again. Merging again carries over what type matching reads, as
		 * Spring does when it merges a stale definition.
		 */
		void remergeCreatedSingletons() {
			for (String name : getBeanDefinitionNames()) {
				RootBeanDefinition merged = getMergedLocalBeanDefinition(name);
				if (merged.isSingleton() && !merged.isAbstract() && containsSingleton(name)) {
					clearMergedBeanDefinition(name);
					getMergedLocalBeanDefinition(name);
				}
			}
		}

	}

}
