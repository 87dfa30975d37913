package dev.dispatch.sample.backend;

import java.util.Map;

import dev.dispatch.sample.home.Page;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;
import org.springframework.web.servlet.view.RedirectView;

@RestController
class BackendController {

	private final String greeting;

	private final String title;

	BackendController(@Value("${greeting}") String greeting, @Value("${backend.title}") String title) {
		this.greeting = greeting;
		this.title = title;
	}

	@GetMapping(path = "/", produces = MediaType.TEXT_HTML_VALUE)
	String home() {
		String hello = ServletUriComponentsBuilder.fromCurrentContextPath().path("/hello").toUriString();
		return Page.render("backend application", this.greeting, "backend.title: " + this.title,
				"<a href=\"" + hello + "\">" + hello
						+ "</a> | <a href=\"home\">home (redirects)</a> | <a href=\"/\">default application</a>");
	}

	@GetMapping("/hello")
	Map<String, String> hello() {
		return Map.of("application", "backend", "greeting", this.greeting, "contextPath",
				ServletUriComponentsBuilder.fromCurrentContextPath().toUriString());
	}

	@GetMapping("/home")
	RedirectView redirectHome() {
		// Relative to the context path: lands on /backend/, not on the default
		// application
		return new RedirectView("/", true);
	}

}
