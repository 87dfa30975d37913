package dev.dispatch.sample.home;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * The default application: it serves {@code /} and every path that no mounted application
 * claims. The mounted applications live in sibling packages, out of reach of this
 * application's component scan.
 */
@SpringBootApplication
public class SampleApplication {

	public static void main(String[] args) {
		SpringApplication.run(SampleApplication.class, args);
	}

}
