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

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Configuration properties for application dispatching.
 *
 * @author Dispatch contributors
 */
@ConfigurationProperties("dispatch")
public class DispatchProperties {

	/**
	 * Whether to dispatch requests to mounted applications.
	 */
	private boolean enabled = true;

	/**
	 * Order of the dispatch filter in the default application's filter chain. Filters
	 * ordered before it run for the mounted applications' requests too; filters ordered
	 * after it run only for the default application's requests.
	 */
	private int filterOrder = 0;

	/**
	 * How long an application whose start failed answers 503 before a request starts it
	 * again.
	 */
	private Duration startBackoff = Duration.ofSeconds(5);

	/**
	 * How long a request waits for an application to start before it gets a 503. The
	 * start goes on, and the application serves requests once it has started.
	 */
	private Duration startTimeout = Duration.ofSeconds(30);

	/**
	 * Maximum time to wait for an application's in-flight requests before closing it.
	 */
	private Duration shutdownTimeout = Duration.ofSeconds(30);

	/**
	 * How many applications start at once at the most, across the process; further starts
	 * wait in line. Defaults to the number of processors.
	 */
	private @Nullable Integer maxConcurrentStarts;

	/**
	 * How many starts that requests wait for may wait in line. A request whose
	 * application would start beyond them gets a 503 with 'Retry-After' at once, rather
	 * than after the start timeout.
	 */
	private int maxWaitingStarts = 100;

	/**
	 * Applications mounted under a path, by name. The name is also the application's
	 * 'spring.config.name'.
	 */
	private final Map<String, Mount> mounts = new LinkedHashMap<>();

	/**
	 * Tenants dispatched by subdomain: one application per subdomain of a domain.
	 */
	private final Subdomain subdomain = new Subdomain();

	/**
	 * Metrics of the dispatched applications.
	 */
	private final Metrics metrics = new Metrics();

	/**
	 * What dispatched applications do to start faster and hold less than Spring Boot
	 * applications of their own.
	 */
	private final Optimizations optimizations = new Optimizations();

	/**
	 * Tenants dispatched by path: one application per first path segment after a prefix.
	 */
	private final Path path = new Path();

	/**
	 * Where tenant groups with 'directory: jdbc' find their tenants.
	 */
	private final TenantStore tenants = new TenantStore();

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	public int getFilterOrder() {
		return this.filterOrder;
	}

	public void setFilterOrder(int filterOrder) {
		this.filterOrder = filterOrder;
	}

	public Duration getStartBackoff() {
		return this.startBackoff;
	}

	public void setStartBackoff(Duration startBackoff) {
		this.startBackoff = startBackoff;
	}

	public Duration getStartTimeout() {
		return this.startTimeout;
	}

	public void setStartTimeout(Duration startTimeout) {
		this.startTimeout = startTimeout;
	}

	public @Nullable Integer getMaxConcurrentStarts() {
		return this.maxConcurrentStarts;
	}

	public void setMaxConcurrentStarts(@Nullable Integer maxConcurrentStarts) {
		this.maxConcurrentStarts = maxConcurrentStarts;
	}

	public int getMaxWaitingStarts() {
		return this.maxWaitingStarts;
	}

	public void setMaxWaitingStarts(int maxWaitingStarts) {
		this.maxWaitingStarts = maxWaitingStarts;
	}

	public Duration getShutdownTimeout() {
		return this.shutdownTimeout;
	}

	public void setShutdownTimeout(Duration shutdownTimeout) {
		this.shutdownTimeout = shutdownTimeout;
	}

	public Map<String, Mount> getMounts() {
		return this.mounts;
	}

	public Subdomain getSubdomain() {
		return this.subdomain;
	}

	public Path getPath() {
		return this.path;
	}

	public TenantStore getTenants() {
		return this.tenants;
	}

	public Metrics getMetrics() {
		return this.metrics;
	}

	public Optimizations getOptimizations() {
		return this.optimizations;
	}

	/**
	 * What dispatched applications do to start faster and hold less. Each relies on
	 * details of Spring Framework and Spring Boot that an upgrade may change: turning one
	 * off falls back to plain Spring behaviour.
	 */
	public static class Optimizations {

		/**
		 * Whether dispatched applications use the optimisations below at all. Turn it off
		 * to fall back to plain Spring behaviour, for example when an upgrade of Spring
		 * Boot breaks one of them.
		 */
		private boolean enabled = true;

		/**
		 * Whether to read the metadata of class files once per process, for the
		 * configuration class processing and scans of every dispatched application.
		 */
		private boolean sharedClassMetadata = true;

		/**
		 * Whether dispatched applications convert with Spring Boot's shared conversion
		 * service until they register a converter of their own, rather than with a copy
		 * each.
		 */
		private boolean sharedConversionService = true;

		/**
		 * Whether a dispatched application lets go of its condition evaluation report
		 * (unless its conditions endpoint serves it) and of how each of its singletons
		 * was created, once it has started.
		 */
		private boolean releaseStartupState = true;

		/**
		 * Whether to leave Spring's process-wide reflection and annotation caches to the
		 * dispatched applications that start next, rather than clear them whenever one
		 * has started or closed.
		 */
		private boolean keepCommonCaches = true;

		/**
		 * Whether the Thymeleaf template engines of dispatched applications parse with
		 * parsers shared by all of them, rather than each keep six parsers with about a
		 * megabyte of buffers of their own.
		 */
		private boolean sharedTemplateParsers = true;

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

		public boolean isSharedClassMetadata() {
			return this.sharedClassMetadata;
		}

		public void setSharedClassMetadata(boolean sharedClassMetadata) {
			this.sharedClassMetadata = sharedClassMetadata;
		}

		public boolean isSharedConversionService() {
			return this.sharedConversionService;
		}

		public void setSharedConversionService(boolean sharedConversionService) {
			this.sharedConversionService = sharedConversionService;
		}

		public boolean isReleaseStartupState() {
			return this.releaseStartupState;
		}

		public void setReleaseStartupState(boolean releaseStartupState) {
			this.releaseStartupState = releaseStartupState;
		}

		public boolean isKeepCommonCaches() {
			return this.keepCommonCaches;
		}

		public void setKeepCommonCaches(boolean keepCommonCaches) {
			this.keepCommonCaches = keepCommonCaches;
		}

		public boolean isSharedTemplateParsers() {
			return this.sharedTemplateParsers;
		}

		public void setSharedTemplateParsers(boolean sharedTemplateParsers) {
			this.sharedTemplateParsers = sharedTemplateParsers;
		}

	}

	/**
	 * Metrics of the dispatched applications.
	 */
	public static class Metrics {

		/**
		 * Whether to tag tenant metrics with the tenant's key. Each tenant then has time
		 * series of its own, which many tenants multiply.
		 */
		private boolean tenantTags;

		public boolean isTenantTags() {
			return this.tenantTags;
		}

		public void setTenantTags(boolean tenantTags) {
			this.tenantTags = tenantTags;
		}

	}

	/**
	 * An application mounted under a path.
	 */
	public static class Mount {

		/**
		 * Path that the application is mounted under, such as '/backend' or '/api/v2':
		 * one or more segments, no trailing slash. The application sees it as its context
		 * path.
		 */
		private @Nullable String path;

		/**
		 * Location of the application's executable Spring Boot jar, or of a folder that
		 * holds an exploded one, such as 'file:apps/app.jar'. The application then runs
		 * in a class loader of its own, from its jar, with its own config files, rather
		 * than from the default application's class path.
		 */
		private @Nullable String location;

		/**
		 * Configuration classes of the application, usually its @SpringBootApplication
		 * class. With a location, they default to its jar's Start-Class.
		 */
		private List<String> sources = new ArrayList<>();

		/**
		 * Profiles to activate in the application.
		 */
		private List<String> profiles = new ArrayList<>();

		/**
		 * Properties of the application. They take precedence over its config files,
		 * system properties and environment variables.
		 */
		private Map<String, String> properties = new LinkedHashMap<>();

		/**
		 * Whether to start the application with the default application rather than on
		 * its first request. A failure to start then fails the default application's
		 * start.
		 */
		private boolean eager;

		/**
		 * Whether the application's context has the default application's beans in its
		 * parent context, so that they can be injected. The default application's web
		 * layer (servlets, filters, MVC infrastructure and configurers, error handling)
		 * stays out of it.
		 */
		private boolean inheritParent;

		/**
		 * Whether the application shares the default application's HTTP session
		 * attributes. By default each application has a namespace of its own in the
		 * session, so that logging in to one does not log in to another.
		 */
		private boolean shareSession;

		/**
		 * Who decides who the user of the application's requests is: the application
		 * itself, or the default application's security.
		 */
		private Security security = Security.OWN;

		/**
		 * How many requests the application serves at once at the most, async ones until
		 * they complete; further requests get a 503 with 'Retry-After' at once. No limit
		 * by default.
		 */
		private @Nullable Integer maxConcurrentRequests;

		public @Nullable Integer getMaxConcurrentRequests() {
			return this.maxConcurrentRequests;
		}

		public void setMaxConcurrentRequests(@Nullable Integer maxConcurrentRequests) {
			this.maxConcurrentRequests = maxConcurrentRequests;
		}

		public @Nullable String getPath() {
			return this.path;
		}

		public void setPath(@Nullable String path) {
			this.path = path;
		}

		public @Nullable String getLocation() {
			return this.location;
		}

		public void setLocation(@Nullable String location) {
			this.location = location;
		}

		public List<String> getSources() {
			return this.sources;
		}

		public void setSources(List<String> sources) {
			this.sources = sources;
		}

		public List<String> getProfiles() {
			return this.profiles;
		}

		public void setProfiles(List<String> profiles) {
			this.profiles = profiles;
		}

		public Map<String, String> getProperties() {
			return this.properties;
		}

		public void setProperties(Map<String, String> properties) {
			this.properties = properties;
		}

		public boolean isEager() {
			return this.eager;
		}

		public void setEager(boolean eager) {
			this.eager = eager;
		}

		public boolean isInheritParent() {
			return this.inheritParent;
		}

		public void setInheritParent(boolean inheritParent) {
			this.inheritParent = inheritParent;
		}

		public boolean isShareSession() {
			return this.shareSession;
		}

		public void setShareSession(boolean shareSession) {
			this.shareSession = shareSession;
		}

		public Security getSecurity() {
			return this.security;
		}

		public void setSecurity(Security security) {
			this.security = security;
		}

	}

	/**
	 * Where the tenants of a group are.
	 */
	public enum Directory {

		/**
		 * The group's configured 'tenants', or its TenantDirectory bean.
		 */
		PROPERTIES,

		/**
		 * The table of 'dispatch.tenants.jdbc' in the default application's database.
		 */
		JDBC

	}

	/**
	 * Where tenant groups with 'directory: jdbc' find their tenants.
	 */
	public static class TenantStore {

		private final Jdbc jdbc = new Jdbc();

		public Jdbc getJdbc() {
			return this.jdbc;
		}

	}

	/**
	 * A table of tenants in the default application's database.
	 */
	public static class Jdbc {

		/**
		 * Name of the table of tenants.
		 */
		private String table = "dispatch_tenants";

		/**
		 * When to create the table of tenants: for an embedded database only, always, or
		 * never.
		 */
		private InitializeSchema initializeSchema = InitializeSchema.EMBEDDED;

		/**
		 * How often to look for changed rows, which restart, start or stop the tenants
		 * they describe. 0 turns the polling off.
		 */
		private Duration refreshInterval = Duration.ofSeconds(5);

		/**
		 * Whether to also LISTEN on the PostgreSQL channel 'dispatch_tenants', which the
		 * starter's PostgreSQL schema notifies of every changed row, to bring changes at
		 * once. PostgreSQL only.
		 */
		private boolean listen;

		public boolean isListen() {
			return this.listen;
		}

		public void setListen(boolean listen) {
			this.listen = listen;
		}

		public String getTable() {
			return this.table;
		}

		public void setTable(String table) {
			this.table = table;
		}

		public InitializeSchema getInitializeSchema() {
			return this.initializeSchema;
		}

		public void setInitializeSchema(InitializeSchema initializeSchema) {
			this.initializeSchema = initializeSchema;
		}

		public Duration getRefreshInterval() {
			return this.refreshInterval;
		}

		public void setRefreshInterval(Duration refreshInterval) {
			this.refreshInterval = refreshInterval;
		}

	}

	/**
	 * When to create the table of tenants, as Spring Session's JDBC store does.
	 */
	public enum InitializeSchema {

		/**
		 * For an embedded database only.
		 */
		EMBEDDED,

		/**
		 * Always.
		 */
		ALWAYS,

		/**
		 * Never.
		 */
		NEVER

	}

	/**
	 * Who decides who the user of a dispatched application's requests is.
	 */
	public enum Security {

		/**
		 * The application itself, with its own Spring Security if it has any. It never
		 * sees the default application's authentication: not its principal, nor its
		 * security context, nor what its security filters kept in the request.
		 */
		OWN,

		/**
		 * The default application's security, whose filters are ordered before the
		 * dispatch filter: the application has no security of its own (Spring Security's
		 * auto-configuration is left out of it) and sees the default application's
		 * principal and security context.
		 */
		DEFAULT_APPLICATION

	}

	/**
	 * What happens to a request for a subdomain that is not a known tenant.
	 */
	public enum UnknownTenant {

		/**
		 * Answer 404.
		 */
		NOT_FOUND,

		/**
		 * Route the request as if its host were not under the domain.
		 */
		DEFAULT_APP

	}

	/**
	 * A group of tenants: one template application, started once per tenant.
	 */
	public abstract static class Tenants {

		/**
		 * Location of the tenants' executable Spring Boot jar, or of a folder that holds
		 * an exploded one, such as 'file:apps/app.jar'. The tenants then run in a class
		 * loader of their own, which they share, from the jar, with its own config files,
		 * rather than from the default application's class path.
		 */
		private @Nullable String location;

		/**
		 * Configuration classes of the template application, usually its
		 * '@SpringBootApplication' class. With a location, they default to its jar's
		 * Start-Class.
		 */
		private List<String> sources = new ArrayList<>();

		/**
		 * Profiles to activate in every tenant.
		 */
		private List<String> profiles = new ArrayList<>();

		/**
		 * Properties of every tenant. A tenant's own properties take precedence over
		 * them.
		 */
		private Map<String, String> properties = new LinkedHashMap<>();

		/**
		 * The known tenants, by key. A TenantDirectory bean replaces them.
		 */
		private Map<String, Tenant> tenants = new LinkedHashMap<>();

		/**
		 * Maximum number of tenant applications alive at once; the least recently used is
		 * closed to make room for a new one.
		 */
		private int maxInstances = 100;

		/**
		 * Time after which a tenant application that served no request is closed. By
		 * default tenants are closed only to make room for others.
		 */
		private @Nullable Duration idleTimeout;

		/**
		 * Whether tenant applications can inject the default application's beans (not its
		 * web layer).
		 */
		private boolean inheritParent;

		/**
		 * Whether a tenant reuses what processing the configuration classes of the first
		 * tenant with the same sources produced, when nothing that processing read
		 * differs for it. Turn it off for conditions that read anything but the class
		 * path, the bean definitions, the profiles and the properties.
		 */
		private boolean reuseConfiguration = true;

		/**
		 * Who decides who the user of the tenants' requests is: each tenant itself, or
		 * the default application's security.
		 */
		private Security security = Security.OWN;

		/**
		 * Where the tenants are: the configured 'tenants' (or a TenantDirectory bean), or
		 * the table of 'dispatch.tenants.jdbc' in the default application's database.
		 */
		private Directory directory = Directory.PROPERTIES;

		/**
		 * Whether to start the group's tenants (the configured ones, or those its
		 * directory lists) in the background once the default application is ready, as
		 * many as 'max-instances' allows, behind every start that a request waits for.
		 */
		private boolean prestart;

		/**
		 * How many requests each tenant serves at once at the most, async ones until they
		 * complete; further requests get a 503 with 'Retry-After' at once, so that one
		 * flooded tenant cannot take every thread of the server. No limit by default.
		 */
		private @Nullable Integer maxConcurrentRequests;

		public @Nullable Integer getMaxConcurrentRequests() {
			return this.maxConcurrentRequests;
		}

		public void setMaxConcurrentRequests(@Nullable Integer maxConcurrentRequests) {
			this.maxConcurrentRequests = maxConcurrentRequests;
		}

		public boolean isPrestart() {
			return this.prestart;
		}

		public void setPrestart(boolean prestart) {
			this.prestart = prestart;
		}

		public Directory getDirectory() {
			return this.directory;
		}

		public void setDirectory(Directory directory) {
			this.directory = directory;
		}

		public @Nullable String getLocation() {
			return this.location;
		}

		public void setLocation(@Nullable String location) {
			this.location = location;
		}

		public List<String> getSources() {
			return this.sources;
		}

		public void setSources(List<String> sources) {
			this.sources = sources;
		}

		public List<String> getProfiles() {
			return this.profiles;
		}

		public void setProfiles(List<String> profiles) {
			this.profiles = profiles;
		}

		public Map<String, String> getProperties() {
			return this.properties;
		}

		public void setProperties(Map<String, String> properties) {
			this.properties = properties;
		}

		public Map<String, Tenant> getTenants() {
			return this.tenants;
		}

		public void setTenants(Map<String, Tenant> tenants) {
			this.tenants = tenants;
		}

		public int getMaxInstances() {
			return this.maxInstances;
		}

		public void setMaxInstances(int maxInstances) {
			this.maxInstances = maxInstances;
		}

		public @Nullable Duration getIdleTimeout() {
			return this.idleTimeout;
		}

		public void setIdleTimeout(@Nullable Duration idleTimeout) {
			this.idleTimeout = idleTimeout;
		}

		public boolean isInheritParent() {
			return this.inheritParent;
		}

		public void setInheritParent(boolean inheritParent) {
			this.inheritParent = inheritParent;
		}

		public boolean isReuseConfiguration() {
			return this.reuseConfiguration;
		}

		public void setReuseConfiguration(boolean reuseConfiguration) {
			this.reuseConfiguration = reuseConfiguration;
		}

		public Security getSecurity() {
			return this.security;
		}

		public void setSecurity(Security security) {
			this.security = security;
		}

	}

	/**
	 * Tenants dispatched by subdomain: {@code acme.example.com} is the tenant
	 * {@code acme}.
	 */
	public static class Subdomain extends Tenants {

		/**
		 * Domain whose subdomains are tenants, such as 'example.com'. Setting it turns
		 * dispatching by subdomain on.
		 */
		private @Nullable String domain;

		/**
		 * What happens to a request for a subdomain that is not a known tenant.
		 */
		private UnknownTenant unknown = UnknownTenant.NOT_FOUND;

		public @Nullable String getDomain() {
			return this.domain;
		}

		public void setDomain(@Nullable String domain) {
			this.domain = domain;
		}

		public UnknownTenant getUnknown() {
			return this.unknown;
		}

		public void setUnknown(UnknownTenant unknown) {
			this.unknown = unknown;
		}

	}

	/**
	 * Tenants dispatched by path: {@code /acme/...} is the tenant {@code acme}. Requests
	 * whose first segment is not a known tenant go to the default application.
	 */
	public static class Path extends Tenants {

		/**
		 * Path before the tenant's segment, such as '/t' for '/t/acme/...'. Empty by
		 * default.
		 */
		private String prefix = "";

		public String getPrefix() {
			return this.prefix;
		}

		public void setPrefix(String prefix) {
			this.prefix = prefix;
		}

	}

	/**
	 * A known tenant.
	 */
	public static class Tenant {

		/**
		 * Properties of the tenant, with the highest precedence.
		 */
		private Map<String, String> properties = new LinkedHashMap<>();

		/**
		 * Profiles to activate in the tenant, in addition to its group's.
		 */
		private List<String> profiles = new ArrayList<>();

		/**
		 * Configuration classes of the tenant's application, instead of its group's.
		 */
		private List<String> sources = new ArrayList<>();

		public Map<String, String> getProperties() {
			return this.properties;
		}

		public void setProperties(Map<String, String> properties) {
			this.properties = properties;
		}

		public List<String> getProfiles() {
			return this.profiles;
		}

		public void setProfiles(List<String> profiles) {
			this.profiles = profiles;
		}

		public List<String> getSources() {
			return this.sources;
		}

		public void setSources(List<String> sources) {
			this.sources = sources;
		}

	}

}
