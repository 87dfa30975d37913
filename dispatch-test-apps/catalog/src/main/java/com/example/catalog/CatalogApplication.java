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

package com.example.catalog;

import java.math.BigDecimal;

import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.cache.annotation.EnableCaching;
import org.springframework.context.annotation.Bean;

/**
 * A catalog of products, one per tenant: entities in an in-memory database of its own, a
 * Spring Data repository, Thymeleaf pages, validated forms and a cache.
 *
 * @author Dispatch contributors
 */
@SpringBootApplication
@EnableCaching
public class CatalogApplication {

	@Bean
	ApplicationRunner products(ProductRepository products) {
		return (arguments) -> {
			products.save(new Product("Anvil", new BigDecimal("49.90")));
			products.save(new Product("Rocket skates", new BigDecimal("120.00")));
			products.save(new Product("Giant magnet", new BigDecimal("15.50")));
		};
	}

}
