package dev.dispatch.sample.shop;

import dev.dispatch.sample.home.Page;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

@RestController
class ShopController {

	private final String tenant;

	private final String title;

	private final String motto;

	ShopController(@Value("${dispatch.tenant}") String tenant, @Value("${shop.title}") String title,
			@Value("${shop.motto:(no motto: no " + "${dispatch.tenant}.yml)}") String motto) {
		this.tenant = tenant;
		this.title = title;
		this.motto = motto;
	}

	@GetMapping(path = "/", produces = MediaType.TEXT_HTML_VALUE)
	String home() {
		String root = ServletUriComponentsBuilder.fromCurrentContextPath().path("/").toUriString();
		return Page.render("shop of tenant " + this.tenant, "shop.title: " + this.title, "shop.motto: " + this.motto,
				"<a href=\"" + root + "\">" + root + "</a>");
	}

}
