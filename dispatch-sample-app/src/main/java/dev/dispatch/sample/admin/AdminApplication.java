package dev.dispatch.sample.admin;

import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * An application mounted under {@code /admin} with the {@code eu} profile. It starts with
 * the default application and inherits its beans, so it can use the default application's
 * {@code VisitCounter}.
 */
@SpringBootApplication
public class AdminApplication {

}
