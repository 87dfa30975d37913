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
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.regex.Pattern;

import dev.dispatch.application.ApplicationDefinition;
import dev.dispatch.application.ApplicationGroup;
import dev.dispatch.application.ApplicationLocation;
import dev.dispatch.application.TenantGroupDefinition;
import dev.dispatch.autoconfigure.DispatchProperties.Mount;
import dev.dispatch.autoconfigure.DispatchProperties.Security;
import dev.dispatch.autoconfigure.DispatchProperties.Subdomain;
import dev.dispatch.autoconfigure.DispatchProperties.Tenants;
import dev.dispatch.autoconfigure.DispatchProperties.UnknownTenant;
import dev.dispatch.web.TenantKeys;
import org.jspecify.annotations.Nullable;

import org.springframework.core.io.DefaultResourceLoader;
import org.springframework.core.io.Resource;
import org.springframework.util.ClassUtils;
import org.springframework.util.StringUtils;

/**
 * Turns the {@code dispatch.*} properties into definitions of mounts and tenant groups,
 * failing with an {@link InvalidDispatchConfigurationException} that names the property
 * and the fix for the first invalid value.
 *
 * @author Dispatch contributors
 */
final class DispatchDefinitions {

	private static final String TENANT_PROPERTY = "dispatch.tenant";

	private static final String PREFIX = "dispatch.mounts.";

	private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]*");

	private static final Pattern SEGMENT = Pattern.compile("[A-Za-z0-9_.~!$&'()*+,=:@-]+");

	private DispatchDefinitions() {
	}

	/**
	 * Return the definitions of the configured mounts, by path.
	 * @param properties the dispatch properties
	 * @param classLoader the class loader of the sources
	 * @return the definitions by path
	 */
	static Map<String, ApplicationDefinition> mounts(DispatchProperties properties, ClassLoader classLoader) {
		Map<String, ApplicationDefinition> definitions = new LinkedHashMap<>();
		properties.getMounts().forEach((name, mount) -> {
			ApplicationDefinition definition = definition(name, mount, classLoader);
			ApplicationDefinition existing = definitions.putIfAbsent(definition.path(), definition);
			if (existing != null) {
				throw new InvalidDispatchConfigurationException(PREFIX + name + ".path", definition.path(),
						"it is the path of the mount '" + existing.name() + "' too",
						"Give each mount a path of its own.");
			}
		});
		return definitions;
	}

	private static ApplicationDefinition definition(String name, Mount mount, ClassLoader classLoader) {
		String prefix = PREFIX + name;
		if (!NAME.matcher(name).matches()) {
			throw new InvalidDispatchConfigurationException(prefix, name,
					"a mount's name is its config file name too (spring.config.name), so it must consist of "
							+ "letters, digits, '_', '-' and '.'",
					"Rename the mount, for example to '" + suggestName(name) + "'.");
		}
		// A mount is one of a kind: a record of its configuration processing would be
		// kept for nothing
		ApplicationLocation location = location(prefix, mount.getLocation(), mount.getSources(),
				mount.isInheritParent(), mount.isShareSession(), mount.getSecurity(), classLoader);
		return ApplicationDefinition.builder(ApplicationGroup.MOUNTS, name)
			.path(path(prefix + ".path", mount.getPath()))
			.sources((location != null) ? List.of() : sources(prefix, mount.getSources(), classLoader))
			.location(location)
			.profiles(mount.getProfiles())
			.properties(mount.getProperties())
			.inheritParent(mount.isInheritParent())
			.eager(mount.isEager())
			.shareSession(mount.isShareSession())
			.guardedByDefaultApplication(mount.getSecurity() == Security.DEFAULT_APPLICATION)
			.maxConcurrentRequests(maxConcurrentRequests(prefix, mount.getMaxConcurrentRequests()))
			.build();
	}

	private static int maxConcurrentRequests(String prefix, @Nullable Integer limit) {
		if (limit == null) {
			return 0;
		}
		if (limit < 1) {
			throw new InvalidDispatchConfigurationException(prefix + ".max-concurrent-requests", limit,
					"at least one request must be served at once",
					"Set '" + prefix + ".max-concurrent-requests' to 1 or more, or remove it for no limit.");
		}
		return limit;
	}

	/**
	 * Return the subdomain tenant group, if it is configured.
	 * @param properties the dispatch properties
	 * @param directory the {@link TenantDirectory} bean of the group, if any
	 * @param reuseConfiguration whether its tenants may reuse configuration processing
	 * @param classLoader the class loader of the sources
	 * @return the group or {@code null}
	 */
	static @Nullable TenantGroupConfiguration subdomain(DispatchProperties properties,
			@Nullable TenantDirectory directory, boolean reuseConfiguration, ClassLoader classLoader) {
		Subdomain subdomain = properties.getSubdomain();
		String prefix = ApplicationGroup.SUBDOMAIN.configurationPrefix();
		if (!StringUtils.hasText(subdomain.getDomain())) {
			if (!subdomain.getSources().isEmpty() || !subdomain.getTenants().isEmpty()
					|| subdomain.getLocation() != null) {
				throw new InvalidDispatchConfigurationException(prefix + ".domain", null,
						"tenants by subdomain need the domain they are subdomains of",
						"Set '" + prefix + ".domain' to the domain, such as 'example.com' for acme.example.com.");
			}
			return null;
		}
		String domain = domain(prefix + ".domain", subdomain.getDomain());
		return group(ApplicationGroup.SUBDOMAIN, subdomain, directory, reuseConfiguration, classLoader,
				TenantKeys::isSubdomainKey,
				"a DNS label: 1 to 63 lower-case letters, digits and '-', not starting or ending with '-'", domain,
				subdomain.getUnknown() == UnknownTenant.NOT_FOUND, null);
	}

	/**
	 * Return the path tenant group, if it is configured.
	 * @param properties the dispatch properties
	 * @param directory the {@link TenantDirectory} bean of the group, if any
	 * @param hasOwnDirectory whether a {@link TenantDirectory} bean is named for the
	 * group, which turns the group on by itself
	 * @param mounts the mounts, whose paths tenants must not overlap
	 * @param reuseConfiguration whether its tenants may reuse configuration processing
	 * @param classLoader the class loader of the sources
	 * @return the group or {@code null}
	 */
	static @Nullable TenantGroupConfiguration path(DispatchProperties properties, @Nullable TenantDirectory directory,
			boolean hasOwnDirectory, Collection<ApplicationDefinition> mounts, boolean reuseConfiguration,
			ClassLoader classLoader) {
		DispatchProperties.Path path = properties.getPath();
		if (path.getSources().isEmpty() && path.getTenants().isEmpty() && path.getLocation() == null
				&& !hasOwnDirectory) {
			return null;
		}
		String prefix = (!StringUtils.hasLength(path.getPrefix()) || path.getPrefix().equals("/")) ? ""
				: path("dispatch.path.prefix", path.getPrefix());
		checkNoOverlap(prefix, path.getTenants().keySet(), mounts);
		return group(ApplicationGroup.PATH, path, directory, reuseConfiguration, classLoader, TenantKeys::isPathKey,
				"a path segment of 1 to 63 letters, digits, '-', '_' and '.', starting with a letter or digit", null,
				false, prefix);
	}

	private static TenantGroupConfiguration group(ApplicationGroup group, Tenants properties,
			@Nullable TenantDirectory directory, boolean reuseConfiguration, ClassLoader classLoader,
			Predicate<String> validKey, String keyRule, @Nullable String domain, boolean unknownNotFound,
			@Nullable String pathPrefix) {
		String prefix = group.configurationPrefix();
		ApplicationLocation location = location(prefix, properties.getLocation(), properties.getSources(),
				properties.isInheritParent(), false, properties.getSecurity(), classLoader);
		List<Class<?>> sources = ((directory != null && properties.getSources().isEmpty()) || location != null)
				? List.of() : sources(prefix, properties.getSources(), classLoader);
		Map<String, TenantDefinition> tenants = new LinkedHashMap<>();
		properties.getTenants().forEach((key, tenant) -> {
			if (!validKey.test(key)) {
				throw new InvalidDispatchConfigurationException(prefix + ".tenants." + key, key,
						"a tenant's key must be " + keyRule + ", and not 'application'",
						"Rename the tenant, for example to '" + suggestKey(key) + "'.");
			}
			if (location != null && !tenant.getSources().isEmpty()) {
				throw new InvalidDispatchConfigurationException(prefix + ".tenants." + key + ".sources",
						tenant.getSources(), "the tenants of a group with a location run the classes of its jar",
						"Remove the tenant's sources, or set '" + prefix + ".sources' for every tenant.");
			}
			List<Class<?>> tenantSources = tenant.getSources().isEmpty() ? List.of()
					: sources(prefix + ".tenants." + key, tenant.getSources(), classLoader);
			tenants.put(key, new TenantDefinition(tenant.getProperties(), tenant.getProfiles(), tenantSources));
		});
		if (properties.getMaxInstances() < 1) {
			throw new InvalidDispatchConfigurationException(prefix + ".max-instances", properties.getMaxInstances(),
					"at least one tenant must be able to run", "Set '" + prefix + ".max-instances' to 1 or more.");
		}
		Duration idleTimeout = properties.getIdleTimeout();
		if (idleTimeout != null && (idleTimeout.isNegative() || idleTimeout.isZero())) {
			throw new InvalidDispatchConfigurationException(prefix + ".idle-timeout", idleTimeout,
					"an idle timeout must be positive",
					"Set '" + prefix + ".idle-timeout' to a positive duration such as '30m', or remove it.");
		}
		TenantDirectory source = (directory != null) ? directory : new TenantDirectory() {

			@Override
			public @Nullable TenantDefinition findTenant(String key) {
				return tenants.get(key);
			}

			@Override
			public Collection<String> tenantKeys() {
				return tenants.keySet();
			}

		};
		// Reuse records the configuration processing of the default application's classes
		TenantTemplate template = new TenantTemplate(group, pathPrefix, sources, location, properties,
				reuseConfiguration && properties.isReuseConfiguration() && location == null,
				maxConcurrentRequests(prefix, properties.getMaxConcurrentRequests()));
		Function<String, @Nullable ApplicationDefinition> lookup = (key) -> {
			TenantDefinition tenant = source.findTenant(key);
			return (tenant != null) ? template.tenant(key, tenant) : null;
		};
		return new TenantGroupConfiguration(
				new TenantGroupDefinition(group, properties.getMaxInstances(), idleTimeout, directory != null), domain,
				unknownNotFound, pathPrefix, sources, location, (directory != null) ? -1 : tenants.size(), lookup,
				properties.isPrestart(), source::tenantKeys);
	}

	private static void checkNoOverlap(String prefixOfGroup, Collection<String> keys,
			Collection<ApplicationDefinition> mounts) {
		for (ApplicationDefinition mount : mounts) {
			if (!prefixOfGroup.isEmpty() && isSegmentPrefix(mount.path(), prefixOfGroup)) {
				throw new InvalidDispatchConfigurationException("dispatch.path.prefix", prefixOfGroup,
						"the mount '" + mount.name() + "' at '" + mount.path() + "' would take every request of the "
								+ "path tenants",
						"Give the path tenants a prefix that no mount path starts, or move the mount.");
			}
			for (String key : keys) {
				String tenantPath = prefixOfGroup + "/" + key;
				if (isSegmentPrefix(mount.path(), tenantPath) || isSegmentPrefix(tenantPath, mount.path())) {
					throw new InvalidDispatchConfigurationException("dispatch.path.tenants." + key, key,
							"the path tenant '" + key + "' at '" + tenantPath + "' and the mount '" + mount.name()
									+ "' at '" + mount.path() + "' have the same first segment",
							"Rename the tenant or the mount, or set 'dispatch.path.prefix' to put the path tenants "
									+ "under a path of their own, such as '/t'.");
				}
			}
		}
	}

	private static boolean isSegmentPrefix(String prefix, String path) {
		return path.startsWith(prefix) && (path.length() == prefix.length() || path.charAt(prefix.length()) == '/');
	}

	private static String domain(String property, String domain) {
		String normalized = domain.strip().toLowerCase(Locale.ROOT);
		normalized = normalized.endsWith(".") ? normalized.substring(0, normalized.length() - 1) : normalized;
		for (String label : normalized.split("\\.", -1)) {
			if (!TenantKeys.isSubdomainKey(label) && !label.equals("application")) {
				throw new InvalidDispatchConfigurationException(property, domain,
						"a domain is a host name such as 'example.com' or 'localhost': DNS labels separated by dots, "
								+ "with no scheme, port or path",
						"Set '" + property + "' to the domain alone, such as 'example.com'.");
			}
		}
		return normalized;
	}

	private static String path(String property, @Nullable String path) {
		if (!StringUtils.hasText(path)) {
			throw new InvalidDispatchConfigurationException(property, null, "every mount needs a path",
					"Set '" + property + "' to the path the application is served under, such as '/backend'.");
		}
		if (path.equals("/")) {
			throw new InvalidDispatchConfigurationException(property, path,
					"'/' is the default application's path; a mount needs a path of one or more segments",
					"Mount the application under a path such as '/backend', or make it the default application.");
		}
		if (!isValidPath(path)) {
			throw new InvalidDispatchConfigurationException(property, path,
					"a mount path is one or more segments like '/backend' or '/api/v2', each of letters, digits and "
							+ "-._~!$&'()*+,=:@ (no '.' or '..' segment), with no trailing slash",
					"Set '" + property + "' to " + suggestPath(path) + ".");
		}
		return path;
	}

	private static boolean isValidPath(String path) {
		if (!path.startsWith("/") || path.endsWith("/")) {
			return false;
		}
		for (String segment : path.substring(1).split("/", -1)) {
			if (!SEGMENT.matcher(segment).matches() || segment.equals(".") || segment.equals("..")) {
				return false;
			}
		}
		return true;
	}

	private static String suggestPath(String path) {
		List<String> segments = new ArrayList<>();
		for (String segment : path.split("/")) {
			String cleaned = segment.strip().replaceAll("[^A-Za-z0-9_.~-]", "-");
			if (!cleaned.isEmpty() && !cleaned.equals(".") && !cleaned.equals("..")) {
				segments.add(cleaned);
			}
		}
		return segments.isEmpty() ? "a path such as '/backend'" : "'/" + String.join("/", segments) + "'";
	}

	private static String suggestKey(String key) {
		String cleaned = key.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9-]", "-").replaceAll("^-+|-+$", "");
		return (cleaned.isEmpty() || cleaned.equals("application")) ? "tenant-1" : cleaned;
	}

	private static String suggestName(String name) {
		String cleaned = name.replaceAll("[^A-Za-z0-9_.-]", "-").replaceAll("^[^A-Za-z0-9]+", "");
		return cleaned.isEmpty() ? "backend" : cleaned;
	}

	private static @Nullable ApplicationLocation location(String prefix, @Nullable String location,
			List<String> sources, boolean inheritParent, boolean shareSession, Security security,
			ClassLoader classLoader) {
		if (location == null) {
			return null;
		}
		String property = prefix + ".location";
		if (!StringUtils.hasText(location)) {
			throw new InvalidDispatchConfigurationException(property, location, "it is empty",
					"Set it to the application's executable jar, such as 'file:apps/app.jar', or remove it.");
		}
		String reason = "an application with a location runs in a class loader of its own, with its own Spring";
		if (inheritParent) {
			throw new InvalidDispatchConfigurationException(prefix + ".inherit-parent", true,
					reason + ", which cannot use the default application's beans",
					"Remove '" + prefix + ".inherit-parent', or '" + property + "' to run the application from the "
							+ "default application's class path.");
		}
		if (shareSession) {
			throw new InvalidDispatchConfigurationException(prefix + ".share-session", true,
					reason + ", whose session attributes the default application cannot read",
					"Remove '" + prefix + ".share-session'.");
		}
		if (security == Security.DEFAULT_APPLICATION) {
			throw new InvalidDispatchConfigurationException(prefix + ".security", "default-application",
					reason + ", which cannot see who the default application's security authenticated",
					"Remove '" + prefix + ".security' so that the application secures itself, or remove '" + property
							+ "'.");
		}
		Resource resource = new DefaultResourceLoader(classLoader).getResource(location.strip());
		return new ApplicationLocation(resource, property, sources.stream().map(String::strip).toList());
	}

	private static List<Class<?>> sources(String prefix, List<String> sources, ClassLoader classLoader) {
		String property = prefix + ".sources";
		if (sources.isEmpty()) {
			throw new InvalidDispatchConfigurationException(property, null,
					"the configuration class(es) of the application are required",
					"Set '" + property + "' to the application's @SpringBootApplication or @Configuration class.");
		}
		List<Class<?>> classes = new ArrayList<>();
		for (int i = 0; i < sources.size(); i++) {
			String source = sources.get(i).strip();
			try {
				classes.add(ClassUtils.forName(source, classLoader));
			}
			catch (ClassNotFoundException | LinkageError ex) {
				throw new InvalidDispatchConfigurationException(property + "[" + i + "]", source,
						"no such class was found",
						"Check the class name in '" + property + "' (a fully qualified name, such as "
								+ "'com.example.backend.BackendApplication') and that its module is on the class path.");
			}
		}
		return List.copyOf(classes);
	}

	/**
	 * A tenant group as the properties configure it.
	 *
	 * @param definition how its tenants live
	 * @param domain the domain whose subdomains are tenants, for the subdomain group
	 * @param unknownNotFound whether a request for a subdomain that names no tenant is
	 * not found
	 * @param prefix the path before a tenant's segment, for the path group
	 * @param sources the template's configuration classes, if the group has them
	 * @param location where the tenants' jar is, if they run in a class loader of their
	 * own
	 * @param configuredTenants the number of tenants in the configuration, {@code -1} if
	 * a {@link TenantDirectory} bean replaces them
	 * @param tenants what a key names: a tenant's definition, or {@code null}
	 * @param prestart whether to start the tenants in the background once the default
	 * application is ready
	 * @param keys the keys of the tenants, {@code null} if the directory cannot list them
	 */
	record TenantGroupConfiguration(TenantGroupDefinition definition, @Nullable String domain, boolean unknownNotFound,
			@Nullable String prefix, List<Class<?>> sources, @Nullable ApplicationLocation location,
			int configuredTenants, Function<String, @Nullable ApplicationDefinition> tenants, boolean prestart,
			Supplier<@Nullable Collection<String>> keys) {

	}

	/**
	 * What the tenants of a group have in common, which each tenant's definition starts
	 * from.
	 */
	private record TenantTemplate(ApplicationGroup group, @Nullable String pathPrefix, List<Class<?>> sources,
			@Nullable ApplicationLocation location, Tenants properties, boolean reuseConfiguration,
			int maxConcurrentRequests) {

		ApplicationDefinition tenant(String key, TenantDefinition tenant) {
			return ApplicationDefinition.builder(this.group, key)
				.path((this.pathPrefix != null) ? this.pathPrefix + "/" + key : "")
				.sources(tenant.sources().isEmpty() ? this.sources : tenant.sources())
				.profiles(this.properties.getProfiles())
				.profiles(tenant.profiles())
				.properties(this.properties.getProperties())
				.properties(tenant.properties())
				.property(TENANT_PROPERTY, key)
				.inheritParent(this.properties.isInheritParent())
				.reuseConfiguration(this.reuseConfiguration)
				.location(this.location)
				.guardedByDefaultApplication(this.properties.getSecurity() == Security.DEFAULT_APPLICATION)
				.maxConcurrentRequests(this.maxConcurrentRequests)
				.build();
		}

	}

}
