package dev.dispatch.sample.backend;

import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * An application mounted under {@code /backend}: a whole Spring Boot application with its
 * own context, its own config file ({@code backend.yml}) and its own
 * {@code DispatcherServlet}, started on its first request.
 */
@SpringBootApplication
public class BackendApplication {

}
