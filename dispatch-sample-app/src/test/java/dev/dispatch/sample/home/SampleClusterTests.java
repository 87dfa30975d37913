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

package dev.dispatch.sample.home;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import com.jayway.jsonpath.JsonPath;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Three instances of the sample application behind nginx, with PostgreSQL as their tenant
 * directory and session store, as {@code deploy/cluster up} runs them; the tests run in
 * order against one cluster: the fourth one stops the database for a while, the last one
 * stops an instance. {@code .ci/cluster-tests} starts the cluster, runs them
 * ({@code -Pcluster}) and removes it.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SampleClusterTests {

	// The cluster profile's dispatch.tenants.jdbc.refresh-interval, and a tenant's
	// restart on
	// a busy 2-core machine beside it
	private static final Duration CHANGE_REACHES_TENANT = Duration.ofSeconds(5 + 5);

	private static final Map<String, Request> TENANTS = Map.of("subdomain:acme", new Request("acme.localhost", "/"),
			"subdomain:globex", new Request("globex.localhost", "/"), "path:initech",
			new Request("localhost", "/shops/initech/"), "path:acme", new Request("localhost", "/shops/acme/"));

	private static final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	private static Properties cluster;

	private static String url;

	private static Map<String, Instance> instances;

	private static JdbcTemplate jdbc;

	@BeforeAll
	static void readCluster() throws IOException {
		cluster = new Properties();
		String run = System.getProperty("dispatch.cluster.run");
		assertThat(run).as("-Ddispatch.cluster.run, the run directory of deploy/cluster").isNotNull();
		try (InputStream input = Files.newInputStream(Path.of(run, "cluster.properties"))) {
			cluster.load(input);
		}
		url = cluster.getProperty("url");
		instances = new LinkedHashMap<>();
		for (int i = 1; cluster.containsKey("instance." + i + ".url"); i++) {
			instances.put(cluster.getProperty("instance." + i + ".url"),
					new Instance(cluster.getProperty("instance." + i + ".url"),
							Long.parseLong(cluster.getProperty("instance." + i + ".pid"))));
		}
		assertThat(instances).hasSize(3);
		jdbc = new JdbcTemplate(new DriverManagerDataSource(cluster.getProperty("database"), "dispatch", ""));
	}

	@Test
	@Order(1)
	void eachTenantStartsOnExactlyOneInstance() throws Exception {
		for (int round = 0; round < 3; round++) {
			for (Request request : TENANTS.values()) {
				assertThat(send(request).statusCode()).as(request.toString()).isEqualTo(200);
			}
		}
		for (String tenant : TENANTS.keySet()) {
			assertThat(runningOn(tenant)).as(tenant).hasSize(1);
		}
	}

	@Test
	@Order(2)
	void changedRowReachesTheInstanceThatRunsItsTenant() throws Exception {
		List<Instance> before = runningOn("path:initech");
		jdbc.update("update dispatch_tenants set properties = 'shop.title=Initech, renamed' "
				+ "where tenant_group = 'path' and tenant_key = 'initech'");
		await().atMost(CHANGE_REACHES_TENANT)
			.pollInterval(Duration.ofMillis(200))
			.untilAsserted(() -> assertThat(send(TENANTS.get("path:initech")).body())
				.contains("shop.title: Initech, renamed"));
		assertThat(runningOn("path:initech")).isEqualTo(before);
	}

	@Test
	@Order(3)
	void insertedRowIsANewTenantWithoutARestart() throws Exception {
		Request hooli = new Request("localhost", "/shops/hooli/");
		assertThat(send(hooli).statusCode()).isEqualTo(404);
		jdbc.update("insert into dispatch_tenants (tenant_group, tenant_key, properties) "
				+ "values ('path', 'hooli', 'shop.title=Hooli')");
		await().atMost(CHANGE_REACHES_TENANT)
			.pollInterval(Duration.ofMillis(200))
			.untilAsserted(() -> assertThat(send(hooli).body()).contains("shop.title: Hooli"));
		assertThat(runningOn("path:hooli")).hasSize(1);
	}

	@Test
	@Order(4)
	void whileTheDatabaseIsDownRunningTenantsServeAndAllRecoversWhenItIsBack() throws Exception {
		Request newco = new Request("localhost", "/shops/newco/");
		run("database.pause");
		try {
			for (Request request : TENANTS.values()) {
				assertThat(send(request).statusCode()).as(request.toString()).isEqualTo(200);
			}
			HttpResponse<String> unknown = send(newco);
			assertThat(unknown.statusCode()).isEqualTo(503);
			assertThat(unknown.headers().firstValue("Retry-After")).isPresent();
		}
		finally {
			run("database.resume");
		}
		jdbc.update("insert into dispatch_tenants (tenant_group, tenant_key, properties) "
				+ "values ('path', 'newco', 'shop.title=Newco')");
		await().atMost(CHANGE_REACHES_TENANT)
			.pollInterval(Duration.ofMillis(200))
			.untilAsserted(() -> assertThat(send(newco).body()).contains("shop.title: Newco"));
	}

	@Test
	@Order(5)
	void losingAnInstanceMovesItsTenantsWithNoFailedRequestAndKeepsTheLogin() throws Exception {
		Browser customer = new Browser(url);
		customer.signIn("/shops/initech");
		assertThat(customer.get("/shops/initech/account").body()).contains("signed in as customer");
		Instance lost = runningOn("path:initech").get(0);
		List<String> moved = running(lost).stream().filter(TENANTS::containsKey).toList();

		int clients = 4;
		int requestsAfterTheLoss = 50;
		CountDownLatch loadRunning = new CountDownLatch(clients);
		CountDownLatch lostInstanceGone = new CountDownLatch(1);
		List<String> failures = Collections.synchronizedList(new ArrayList<>());
		AtomicInteger sent = new AtomicInteger();
		ExecutorService load = Executors.newFixedThreadPool(clients);
		List<Future<?>> done = new ArrayList<>();
		List<Request> requests = new ArrayList<>(TENANTS.values());
		for (int c = 0; c < clients; c++) {
			int offset = c;
			done.add(load.submit(() -> {
				int after = 0;
				for (int i = offset; after < requestsAfterTheLoss; i++) {
					if (lostInstanceGone.getCount() == 0) {
						after++;
					}
					Request request = requests.get(i % requests.size());
					try {
						HttpResponse<String> response = send(request);
						if (response.statusCode() != 200) {
							failures.add(request + ": " + response.statusCode() + " " + response.body());
						}
					}
					catch (Exception ex) {
						failures.add(request + ": " + ex);
					}
					sent.incrementAndGet();
					if (i == offset) {
						loadRunning.countDown();
					}
				}
				return null;
			}));
		}
		assertThat(loadRunning.await(30, TimeUnit.SECONDS)).isTrue();
		ProcessHandle process = ProcessHandle.of(lost.pid()).orElseThrow();
		process.destroy();
		process.onExit().get(60, TimeUnit.SECONDS);
		lostInstanceGone.countDown();
		for (Future<?> client : done) {
			client.get(120, TimeUnit.SECONDS);
		}
		load.shutdown();

		assertThat(failures).as("failed requests of %d", sent.get()).isEmpty();
		assertThat(sent.get()).isGreaterThanOrEqualTo(clients * requestsAfterTheLoss);
		instances.remove(lost.url());
		assertThat(customer.get("/shops/initech/account").body()).contains("signed in as customer");
		assertThat(moved).contains("path:initech")
			.allSatisfy((tenant) -> assertThat(runningOn(tenant)).as(tenant).hasSize(1));
	}

	private static void run(String command) throws Exception {
		Process process = new ProcessBuilder("bash", "-c", cluster.getProperty(command)).inheritIO().start();
		assertThat(process.waitFor(60, TimeUnit.SECONDS)).as(command).isTrue();
		assertThat(process.exitValue()).as(command).isZero();
	}

	private static HttpResponse<String> send(Request request) throws Exception {
		return client.send(HttpRequest.newBuilder(URI.create(url + request.path()))
			.header("Host", request.host() + ":" + URI.create(url).getPort())
			.timeout(Duration.ofSeconds(60))
			.build(), HttpResponse.BodyHandlers.ofString());
	}

	private static List<Instance> runningOn(String tenant) throws Exception {
		List<Instance> running = new ArrayList<>();
		for (Instance instance : instances.values()) {
			if (running(instance).contains(tenant)) {
				running.add(instance);
			}
		}
		return running;
	}

	private static List<String> running(Instance instance) throws Exception {
		HttpResponse<String> response = client.send(
				HttpRequest.newBuilder(URI.create(instance.url() + "/actuator/dispatch")).build(),
				HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).isEqualTo(200);
		return JsonPath.read(response.body(), "$.applications[?(@.state == 'RUNNING')].id");
	}

	/**
	 * A request of a tenant through nginx.
	 *
	 * @param host the host it names
	 * @param path its path
	 */
	private record Request(String host, String path) {

	}

	/**
	 * An instance of the sample application.
	 *
	 * @param url its own address, past nginx
	 * @param pid its process
	 */
	private record Instance(String url, long pid) {

	}

}
