package dev.dispatch.sample.home;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
class HomeController {

	private final String greeting;

	private final VisitCounter visits;

	HomeController(@Value("${greeting}") String greeting, VisitCounter visits) {
		this.greeting = greeting;
		this.visits = visits;
	}

	@GetMapping(path = "/", produces = MediaType.TEXT_HTML_VALUE)
	String home() {
		return Page.render("default application", this.greeting, "visits: " + this.visits.visit(),
				"<a href=\"/backend/\">backend</a> | <a href=\"/admin/\">admin</a>");
	}

}
