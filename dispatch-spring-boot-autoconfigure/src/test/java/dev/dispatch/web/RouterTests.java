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

import java.util.Map;

import dev.dispatch.web.Router.Candidates;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Which applications a request could be for, from its host and path alone: a table of the
 * precedence between subdomain tenants, mounts, path tenants and the default application.
 *
 * @author Dispatch contributors
 */
class RouterTests {

	private final Router<String> router = new Router<>(Map.of("/backend", "backend", "/api/v2", "api"), "example.com",
			true, "/t");

	@ParameterizedTest(name = "{0}{1} -> subdomain {2}, mount {3}, path tenant {4}")
	@CsvSource(nullValues = "-", textBlock = """
			localhost,          /,                -,      -,        -
			localhost,          /backend/x,       -,      /backend, -
			localhost,          /backend,         -,      /backend, -
			localhost,          /backendx,        -,      -,        -
			localhost,          /api/v2/users,    -,      /api/v2,  -
			localhost,          /t/acme/x,        -,      -,        acme
			localhost,          /t/acme,          -,      -,        acme
			localhost,          /t,               -,      -,        -
			localhost,          /t/,              -,      -,        -
			localhost,          /tx/acme,         -,      -,        -
			acme.example.com,   /x,               acme,   -,        -
			acme.example.com,   /backend/x,       acme,   /backend, -
			acme.example.com,   /t/other/x,       acme,   -,        other
			ACME.Example.COM,   /x,               acme,   -,        -
			example.com,        /x,               -,      -,        -
			a.b.example.com,    /x,               '',     -,        -
			-a.example.com,     /x,               '',     -,        -
			acme.example.org,   /x,               -,      -,        -
			notexample.com,     /x,               -,      -,        -
			""")
	void findsTheCandidatesOfARequest(String host, String path, String subdomainKey, String mount, String pathKey) {
		Candidates<String> candidates = this.router.route(path, host);
		assertThat(candidates.subdomainKey()).as("subdomain key").isEqualTo(subdomainKey);
		assertThat((candidates.mount() != null) ? candidates.mount().path() : null).as("mount").isEqualTo(mount);
		assertThat(candidates.pathKey()).as("path tenant").isEqualTo(pathKey);
		assertThat(candidates.pathTenantPath()).as("path tenant path")
			.isEqualTo((pathKey != null) ? "/t/" + pathKey : null);
		assertThat(candidates.unknownSubdomainNotFound()).isTrue();
	}

	@ParameterizedTest(name = "{0}")
	@CsvSource({ "/backend/x", "/t/acme/x", "/" })
	void withoutTenantGroupsFindsNoTenantKeys(String path) {
		Router<String> mountsOnly = new Router<>(Map.of("/backend", "backend"), null, false, null);
		Candidates<String> candidates = mountsOnly.route(path, "acme.example.com");
		assertThat(candidates.subdomainKey()).isNull();
		assertThat(candidates.pathKey()).isNull();
	}

}
