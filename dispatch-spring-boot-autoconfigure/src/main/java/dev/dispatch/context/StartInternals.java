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

/**
 * Every name of Spring Framework's, Spring Boot's or Spring Security's that starting a
 * dispatched application relies on without it being public API, in one place. Each says
 * what it is, what relies on it and what happens if an upgrade changes it;
 * {@code StartInternalsTests} fails, naming it, on an upgrade that does. Checked against
 * Spring Boot 4.1.0, Spring Framework 7.0.8 and Spring Security 7.1.0. For internal use
 * only.
 *
 * @author Dispatch contributors
 */
public final class StartInternals {

	/**
	 * The name of a dispatched application's own property source, the first of its
	 * environment: ours, which the auto-configuration import filter and the checks of an
	 * application's settings look for.
	 */
	public static final String PROPERTY_SOURCE_NAME = "dispatchedApplication";

	/**
	 * The property that tells a dispatched application whether the default application's
	 * security guards it: ours, which the auto-configuration import filter reads.
	 */
	public static final String SECURITY_PROPERTY = "dispatch.application.security";

	/**
	 * Boot's package-private {@code ClearCachesApplicationListener}, which clears the
	 * JVM's reflection caches once an application has started. Left out of dispatched
	 * applications, whose starts would each clear what the next one reads again, unless
	 * {@code dispatch.optimizations.keep-common-caches} is off. If it is renamed, it runs
	 * again for every start: slower starts, nothing wrong.
	 */
	static final String CLEAR_CACHES_LISTENER = "org.springframework.boot.ClearCachesApplicationListener";

	/**
	 * The bean name under which Boot's package-private
	 * {@code SharedMetadataReaderFactoryContextInitializer} registers the metadata reader
	 * factory that configuration class processing uses, if the name is free. A dispatched
	 * application takes the name first for the process-wide one. If it changes, each
	 * application reads class metadata again: slower starts, nothing wrong.
	 */
	static final String SHARED_METADATA_READER_FACTORY_BEAN = "org.springframework.boot.autoconfigure."
			+ "internalCachingMetadataReaderFactory";

	/**
	 * The name of the logger of Boot's {@code ConditionEvaluationReportLogger}, under
	 * which a dispatched application logs its condition evaluation report at debug, as
	 * Boot does. If it changes, the report is logged under the old name.
	 */
	static final String CONDITION_EVALUATION_REPORT_LOGGER = "org.springframework.boot.autoconfigure.logging."
			+ "ConditionEvaluationReportLogger";

	/**
	 * Actuator's {@code ConditionsReportEndpoint}, which serves the condition evaluation
	 * report for the life of an application: an application that has it keeps its report.
	 * If it moves, the application's conditions endpoint reports nothing.
	 */
	static final String CONDITIONS_ENDPOINT = "org.springframework.boot.actuate.autoconfigure.condition."
			+ "ConditionsReportEndpoint";

	/**
	 * Boot's property that keeps an application's meter registry out of Micrometer's
	 * process-wide global registry, which would keep every stopped application reachable.
	 * If it is renamed, stopped tenants leak through the global registry; the churn
	 * harness finds that.
	 */
	static final String USE_GLOBAL_REGISTRY_PROPERTY = "management.metrics.use-global-registry";

	/**
	 * Spring Security's {@code BeanIds.SPRING_SECURITY_FILTER_CHAIN}, the bean that
	 * {@code @EnableWebSecurity} registers: an application that the default application's
	 * security guards must not have it. If it is renamed, such an application's own
	 * security is found by its {@code SecurityFilterChain} beans alone.
	 */
	static final String SPRING_SECURITY_FILTER_CHAIN = "springSecurityFilterChain";

	/**
	 * Spring Security's {@code SecurityFilterChain}, which every {@code HttpSecurity}
	 * configuration builds. If it moves, an application that the default application's
	 * security guards may have security of its own unnoticed; the secured tests find
	 * that.
	 */
	static final String SECURITY_FILTER_CHAIN_CLASS = "org.springframework.security.web.SecurityFilterChain";

	private StartInternals() {
	}

}
