package dev.dispatch.sample.shop;

import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * The template of the tenants: one instance per shop, on a subdomain
 * ({@code acme.localhost:8080}) or under a path ({@code localhost:8080/shops/initech/}),
 * each started on its first request with its own configuration.
 */
@SpringBootApplication
public class ShopApplication {

}
