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

package com.example.shop;

import java.io.IOException;
import java.io.InputStream;
import java.io.Serializable;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Callable;

import jakarta.servlet.http.HttpSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.SpringBootVersion;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.ClassUtils;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;

/**
 * The shop's pages, and what it can see of the process it runs in.
 *
 * @author Dispatch contributors
 */
@Controller
public class ShopController {

	private static final Logger logger = LoggerFactory.getLogger(ShopController.class);

	private final ProductRepository products;

	private final Environment environment;

	private final String title;

	public ShopController(ProductRepository products, Environment environment, @Value("${shop.title}") String title) {
		this.products = products;
		this.environment = environment;
		this.title = title;
	}

	@GetMapping("/")
	public String index(Model model) {
		model.addAttribute("title", this.title);
		model.addAttribute("products", this.products.count());
		return "index";
	}

	@GetMapping("/products")
	@ResponseBody
	public List<String> products() {
		return this.products.findAll().stream().map(Product::getName).toList();
	}

	@PostMapping("/products")
	@ResponseBody
	public String add(@RequestParam String name) {
		logger.info("Adding product {}", name);
		return this.products.save(new Product(name)).getName();
	}

	/**
	 * Count the visits of a session, in an object of the shop's own class.
	 * @param session the session
	 * @return the visits so far
	 */
	@GetMapping("/visits")
	@ResponseBody
	public int visits(HttpSession session) {
		Visits visits = (Visits) session.getAttribute("visits");
		if (visits == null) {
			visits = new Visits();
			session.setAttribute("visits", visits);
		}
		return ++visits.count;
	}

	/**
	 * Answer asynchronously, on the shop's task executor.
	 * @return the answer, later
	 */
	@GetMapping("/later")
	@ResponseBody
	public Callable<String> later() {
		return () -> "later from " + Thread.currentThread().getName();
	}

	@GetMapping("/boom")
	public String boom() {
		throw new IllegalStateException("boom");
	}

	/**
	 * What the shop sees: its Boot and SnakeYAML versions, a property, and whether a
	 * class or a resource is visible to it.
	 * @param property a property to look up
	 * @param className a class to look for
	 * @param resource a resource to look for
	 * @return what it sees
	 * @throws IOException if SnakeYAML's pom cannot be read
	 */
	@GetMapping("/info")
	@ResponseBody
	public Map<String, Object> info(@RequestParam(defaultValue = "greeting") String property,
			@RequestParam(defaultValue = "java.lang.String") String className,
			@RequestParam(defaultValue = "application.properties") String resource) throws IOException {
		ClassLoader classLoader = getClass().getClassLoader();
		Map<String, Object> info = new LinkedHashMap<>();
		info.put("bootVersion", SpringBootVersion.getVersion());
		info.put("snakeYamlVersion", snakeYamlVersion(classLoader));
		info.put("property", this.environment.getProperty(property));
		info.put("classVisible", ClassUtils.isPresent(className, classLoader));
		info.put("resourceVisible", classLoader.getResource(resource) != null);
		info.put("contextClassLoaderIsOwn", Thread.currentThread().getContextClassLoader() == classLoader);
		return info;
	}

	private static String snakeYamlVersion(ClassLoader classLoader) throws IOException {
		try (InputStream in = classLoader.getResourceAsStream("META-INF/maven/org.yaml/snakeyaml/pom.properties")) {
			Properties properties = new Properties();
			properties.load(in);
			return properties.getProperty("version");
		}
	}

	static final class Visits implements Serializable {

		private int count;

	}

}
