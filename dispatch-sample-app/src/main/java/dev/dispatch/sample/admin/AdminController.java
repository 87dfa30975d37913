package dev.dispatch.sample.admin;

import dev.dispatch.sample.home.Page;
import dev.dispatch.sample.home.VisitCounter;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
class AdminController {

	private final String region;

	private final VisitCounter visits;

	AdminController(@Value("${admin.region}") String region, VisitCounter visits) {
		this.region = region;
		this.visits = visits;
	}

	@GetMapping(path = "/", produces = MediaType.TEXT_HTML_VALUE)
	String home() {
		return Page.render("admin application", "admin.region: " + this.region,
				"visits of the default application: " + this.visits.visit(),
				"<a href=\"/admin/missing\">a page that does not exist (the admin application's 404)</a> | <a href=\"/\">default application</a>");
	}

}
