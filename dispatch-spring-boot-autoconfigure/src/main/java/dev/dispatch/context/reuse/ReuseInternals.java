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

import org.springframework.boot.context.properties.bind.BindMethod;
import org.springframework.context.annotation.ConfigurationClassPostProcessor;

/**
 * Every name of Spring Framework's or Spring Boot's that the reuse of configuration
 * processing relies on without it being public API, in one place; the reuse is the part
 * of dispatching that relies most on them. Each says what relies on it and what happens
 * if an upgrade changes it: most changes turn the reuse off for a template, which is only
 * slower; {@code ReuseInternalsTests} fails, naming the one that changed. Checked against
 * Spring Boot 4.1.0 and Spring Framework 7.0.8. {@code dispatch.optimizations.enabled}
 * and {@code dispatch.{subdomain,path}.reuse-configuration} turn the reuse off.
 *
 * @author Dispatch contributors
 */
final class ReuseInternals {

	/**
	 * The singleton under which {@link ConfigurationClassPostProcessor} registers its
	 * import registry, for {@code ImportAware} beans. A reusing application registers a
	 * {@link DetachedImportRegistry detached copy} of the first application's. If it is
	 * renamed, no registry is copied and {@code ImportAware} beans of reusing
	 * applications see no import: {@code ReuseInternalsTests} fails.
	 */
	static final String IMPORT_REGISTRY_BEAN_NAME = ConfigurationClassPostProcessor.class.getName() + ".importRegistry";

	/**
	 * Spring's package-private {@code ImportRegistry}, of which a
	 * {@link DetachedImportRegistry} is a JDK proxy, and its method
	 * {@code getImportingClassFor(String)}, read reflectively. If either changes, the
	 * registry cannot be copied and the template's applications process their own.
	 */
	static final String IMPORT_REGISTRY_CLASS = "org.springframework.context.annotation.ImportRegistry";

	static final String GET_IMPORTING_CLASS_FOR = "getImportingClassFor";

	/**
	 * The singleton under which Boot keeps the condition evaluation report, which
	 * processing registers. If it is renamed, processing is never reused: it registered a
	 * singleton that the outcome does not hold.
	 */
	static final String REPORT_BEAN_NAME = "autoConfigurationReport";

	/**
	 * The name of the property source that Boot's {@code ConfigurationPropertySources}
	 * attaches to an environment, which adapts the other sources and is left out of the
	 * comparison. If it is renamed, its content is compared and never matches: the
	 * template's applications process their own.
	 */
	static final String ATTACHED_PROPERTY_SOURCE_NAME = "configurationProperties";

	/**
	 * The attribute under which Boot's registrar of {@code @ConfigurationProperties}
	 * beans keeps a bean's {@link BindMethod}, whose {@code VALUE_OBJECT} beans get an
	 * instance supplier that is made again for each application. If it is renamed, such
	 * beans make their template's processing not reusable.
	 */
	static final String BIND_METHOD_ATTRIBUTE = BindMethod.class.getName();

	private ReuseInternals() {
	}

}
