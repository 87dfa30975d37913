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

import java.io.IOException;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.context.RequestAttributeSecurityContextRepository;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.NegatedRequestMatcher;
import org.springframework.web.context.WebApplicationContext;
import org.springframework.web.filter.OncePerRequestFilter;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The default application secured by HTTP basic authentication on every path, and mounts
 * that decide authentication themselves, with users of their own or without security, or
 * that the default application's security guards, on a real server.
 *
 * @author Dispatch contributors
 */
@SpringBootTest(classes = AuthenticationIsolationSecuredTests.DefaultApp.class,
		webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "dispatch.mounts.secured.path=/secured",
				"dispatch.mounts.secured.sources=dev.dispatch.autoconfigure.AuthenticationIsolationSecuredTests$BasicApp",
				"dispatch.mounts.scoped.path=/scoped",
				"dispatch.mounts.scoped.sources=dev.dispatch.autoconfigure.AuthenticationIsolationSecuredTests$BasicApp",
				"dispatch.mounts.open.path=/open",
				"dispatch.mounts.open.sources=dev.dispatch.autoconfigure.AuthenticationIsolationSecuredTests$UserApp",
				"dispatch.mounts.open.properties.spring.autoconfigure.exclude="
						+ AuthenticationIsolationSecuredTests.SECURITY_AUTO_CONFIGURATIONS,
				"dispatch.mounts.guarded.path=/guarded", "dispatch.mounts.guarded.security=default-application",
				"dispatch.mounts.guarded.sources=dev.dispatch.autoconfigure.AuthenticationIsolationSecuredTests$UserApp" })
class AuthenticationIsolationSecuredTests {

	static final String SECURITY_AUTO_CONFIGURATIONS = "org.springframework.boot.security.autoconfigure.SecurityAutoConfiguration,"
			+ "org.springframework.boot.security.autoconfigure.UserDetailsServiceAutoConfiguration,"
			+ "org.springframework.boot.security.autoconfigure.web.servlet.SecurityFilterAutoConfiguration,"
			+ "org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration,"
			+ "org.springframework.boot.security.autoconfigure.actuate.web.servlet.ManagementWebSecurityAutoConfiguration";

	static final BlockingQueue<String> seenByTheDefaultApplication = new LinkedBlockingQueue<>();

	@LocalServerPort
	private int port;

	@Autowired
	private DispatchedApplications applications;

	@BeforeEach
	void forgetWhatWasSeen() {
		seenByTheDefaultApplication.clear();
	}

	@Test
	void defaultApplicationsCredentialsDoNotAuthenticateTheUsersOfAMountWithSecurityOfItsOwn() {
		assertThat(get("/user", "root").body()).isEqualTo("principal=root, context=root");
		// The default application authenticated root, and the mount knows no root
		assertThat(get("/secured/user", "root").statusCode()).isEqualTo(401);
		// A chain that guards every path refuses the mount's users before the dispatch:
		// hence the default application's chain leaves /scoped out
		assertThat(get("/secured/user", "alice").statusCode()).isEqualTo(401);
		assertThat(get("/scoped/user", "alice").body()).isEqualTo("principal=alice, context=alice");
		assertThat(get("/scoped/user", "root").statusCode()).isEqualTo(401);
	}

	@Test
	void mountWithoutSecurityOfItsOwnSeesNoneOfTheDefaultApplicationsAuthentication() {
		var response = get("/open/user", "root");
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.body()).isEqualTo("principal=none, context=none");
	}

	@Test
	void mountGuardedByTheDefaultApplicationSeesItsUserAndHasNoSecurityOfItsOwn() {
		assertThat(get("/guarded/user", "root").body()).isEqualTo("principal=root, context=root");
		assertThat(TestRequests.get(this.port, "/guarded/user").statusCode()).isEqualTo(401);
		WebApplicationContext guarded = this.applications.getApplicationContext("guarded");
		assertThat(guarded.getBeanNamesForType(SecurityFilterChain.class)).isEmpty();
		assertThat(guarded.getBeanNamesForType(UserDetailsService.class)).isEmpty();
	}

	@Test
	void mountsAuthenticationIsNotLeftForTheDefaultApplication() throws Exception {
		assertThat(get("/scoped/user", "alice").statusCode()).isEqualTo(200);
		assertThat(seenByTheDefaultApplication.poll(10, TimeUnit.SECONDS))
			.isEqualTo("after /scoped/user: context=none, saved in the request=none");
		assertThat(get("/secured/user", "root").statusCode()).isEqualTo(401);
		assertThat(seenByTheDefaultApplication.poll(10, TimeUnit.SECONDS))
			.isEqualTo("after /secured/user: context=root, saved in the request=root");
	}

	private java.net.http.HttpResponse<String> get(String path, String user) {
		return TestRequests.get(this.port, path, "Authorization", TestRequests.basic(user));
	}

	private static String nameOf(Authentication authentication) {
		return (authentication != null) ? authentication.getName() : "none";
	}

	@SpringBootConfiguration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	@Import(UserController.class)
	static class DefaultApp {

		@Bean
		SecurityFilterChain securityFilterChain(HttpSecurity http) throws Exception {
			http.securityMatcher(new NegatedRequestMatcher(PathPatternRequestMatcher.pathPattern("/scoped/**")));
			http.authorizeHttpRequests((requests) -> requests.anyRequest().authenticated());
			http.httpBasic(Customizer.withDefaults());
			return http.build();
		}

		@Bean
		UserDetailsService userDetailsService() {
			return new InMemoryUserDetailsManager(User.withUsername("root").password("{noop}secret").build());
		}

		@Bean
		FilterRegistrationBean<AfterDispatchProbeFilter> afterDispatchProbeFilter() {
			FilterRegistrationBean<AfterDispatchProbeFilter> registration = new FilterRegistrationBean<>(
					new AfterDispatchProbeFilter());
			// After the security filters, before the dispatch filter
			registration.setOrder(-50);
			return registration;
		}

	}

	/**
	 * Reports who the default application takes the user to be once a mount has served
	 * the request.
	 */
	static class AfterDispatchProbeFilter extends OncePerRequestFilter {

		@Override
		protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
				throws ServletException, IOException {
			chain.doFilter(request, response);
			if (request.getRequestURI().startsWith("/scoped") || request.getRequestURI().startsWith("/secured")) {
				SecurityContext saved = (SecurityContext) request
					.getAttribute(RequestAttributeSecurityContextRepository.DEFAULT_REQUEST_ATTR_NAME);
				seenByTheDefaultApplication.add("after " + request.getRequestURI() + ": context="
						+ nameOf(SecurityContextHolder.getContext().getAuthentication()) + ", saved in the request="
						+ ((saved != null) ? nameOf(saved.getAuthentication()) : "none"));
			}
		}

	}

	@Configuration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	@Import(UserController.class)
	static class BasicApp {

		@Bean
		SecurityFilterChain securityFilterChain(HttpSecurity http) throws Exception {
			http.authorizeHttpRequests((requests) -> requests.anyRequest().authenticated());
			http.httpBasic(Customizer.withDefaults());
			return http.build();
		}

		@Bean
		UserDetailsService userDetailsService(@Value("${app.user:alice}") String user) {
			return new InMemoryUserDetailsManager(User.withUsername(user).password("{noop}secret").build());
		}

	}

	@Configuration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	@Import(UserController.class)
	static class UserApp {

	}

}
