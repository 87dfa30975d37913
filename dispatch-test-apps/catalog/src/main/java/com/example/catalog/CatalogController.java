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

import jakarta.validation.Valid;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;

/**
 * The catalog's page, and its form for a new product.
 *
 * @author Dispatch contributors
 */
@Controller
class CatalogController {

	private final Catalog catalog;

	private final String title;

	CatalogController(Catalog catalog, @Value("${catalog.title:A catalog}") String title) {
		this.catalog = catalog;
		this.title = title;
	}

	@GetMapping("/")
	String products(Model model) {
		model.addAttribute("title", this.title);
		model.addAttribute("products", this.catalog.products());
		model.addAttribute("product", new Product("", null));
		return "products";
	}

	@PostMapping("/")
	String add(@Valid @ModelAttribute("product") Product product, BindingResult result, Model model) {
		if (result.hasErrors()) {
			model.addAttribute("title", this.title);
			model.addAttribute("products", this.catalog.products());
			return "products";
		}
		this.catalog.add(product);
		return "redirect:/";
	}

}
