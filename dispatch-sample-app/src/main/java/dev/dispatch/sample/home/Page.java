package dev.dispatch.sample.home;

import org.springframework.web.util.HtmlUtils;

/**
 * The HTML of the sample's pages, shared by its applications so that each page says the
 * same things in the same place: which application answered and with which configuration.
 */
public final class Page {

	private Page() {
	}

	public static String render(String application, String greeting, String config, String links) {
		return "<!DOCTYPE html><html><head><title>" + HtmlUtils.htmlEscape(application) + "</title></head><body>"
				+ "<h1>Answered by the " + HtmlUtils.htmlEscape(application) + "</h1>" + "<p id=\"greeting\">"
				+ HtmlUtils.htmlEscape(greeting) + "</p>" + "<p id=\"config\">" + HtmlUtils.htmlEscape(config) + "</p>"
				+ "<nav>" + links + "</nav></body></html>";
	}

}
