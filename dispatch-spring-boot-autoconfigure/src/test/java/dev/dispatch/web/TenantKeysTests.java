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

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link TenantKeys}.
 *
 * @author Dispatch contributors
 */
class TenantKeysTests {

	@ParameterizedTest(name = "{0} under {1} -> {2}")
	@CsvSource(nullValues = "-", textBlock = """
			acme.example.com,            example.com, acme
			ACME.Example.COM,            example.com, acme
			ACME.example.com,            example.com, acme
			acme.EXAMPLE.com,            example.com, acme
			BÜCHER.example.com,          example.com, ''
			acme.example.com.,           example.com, acme
			acme.example.com..,          example.com, -
			a.acme.example.com,          example.com, ''
			a_b.example.com,             example.com, ''
			-acme.example.com,           example.com, ''
			application.example.com,     example.com, ''
			Application.example.com,     example.com, ''
			example.com,                 example.com, -
			.example.com,                example.com, -
			evilexample.com,             example.com, -
			acme.evilexample.com,        example.com, -
			acme.example.com.evil.com,   example.com, -
			acme.example.co,             example.com, -
			[::1],                       example.com, -
			127.0.0.1,                   example.com, -
			acme.localhost,              localhost,   acme
			xn--bcher-kva.example.com,   example.com, xn--bcher-kva
			""")
	void findsTheSubdomainKeyOnALabelBoundary(String host, String domain, String key) {
		assertThat(TenantKeys.subdomainKeyOf(host, domain)).isEqualTo(key);
	}

	@ParameterizedTest(name = "{0} under ''{1}'' -> {2}")
	@CsvSource(nullValues = "-", textBlock = """
			/acme,              '',      acme
			/acme/,             '',      acme
			/acme/orders/1,     '',      acme
			/,                  '',      -
			/shops/acme/x,      /shops,  acme
			/shops/acme,        /shops,  acme
			/shops,             /shops,  -
			/shops/,            /shops,  -
			/shopsacme/x,       /shops,  -
			/other/acme,        /shops,  -
			/Acme_2.eu/x,       '',      Acme_2.eu
			/.hidden/x,         '',      -
			/application/x,     '',      -
			/shops/a b/x,       /shops,  -
			/shops/-acme,       /shops,  -
			""")
	void findsThePathKeyInTheSegmentAfterThePrefix(String path, String prefix, String key) {
		assertThat(TenantKeys.pathKeyOf(path, prefix)).isEqualTo(key);
	}

	@ParameterizedTest(name = "{0} -> {1}")
	@CsvSource(textBlock = """
			acme,            true
			a,               true
			a-b-c,           true
			123,             true
			xn--bcher-kva,   true
			-acme,           false
			acme-,           false
			a_b,             false
			a.b,             false
			Acme,            false
			'',              false
			application,     false
			abcdefghijabcdefghijabcdefghijabcdefghijabcdefghijabcdefghijabc,  true
			abcdefghijabcdefghijabcdefghijabcdefghijabcdefghijabcdefghijabcd, false
			""")
	void acceptsOnlyDnsLabelsAsSubdomainKeys(String key, boolean valid) {
		assertThat(TenantKeys.isSubdomainKey(key)).isEqualTo(valid);
	}

	@ParameterizedTest(name = "{0} -> {1}")
	@CsvSource(textBlock = """
			acme,          true
			Acme_2.eu,     true
			a-b,           true
			.hidden,       false
			-acme,         false
			'a,b',         false
			a b,           false
			'',            false
			application,   false
			""")
	void acceptsOnlyNameLikeSegmentsAsPathKeys(String key, boolean valid) {
		assertThat(TenantKeys.isPathKey(key)).isEqualTo(valid);
	}

}
