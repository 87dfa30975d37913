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

package dev.dispatch.benchmarks;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Runs a benchmark's main class in a JVM of its own, with this JVM's class path, and
 * collects the figures that it reports with {@link #report(String, double)}. A benchmark
 * that measures heap or start-up must not see what an earlier one left behind.
 *
 * @author Dispatch contributors
 */
public final class Fork {

	private static final String PREFIX = "result ";

	private Fork() {
	}

	/**
	 * Report a figure to the JVM that forked this one.
	 * @param name the figure's name
	 * @param value its value
	 */
	public static void report(String name, double value) {
		System.out.println(PREFIX + name + " " + String.format(Locale.ROOT, "%.6f", value));
		System.out.flush();
	}

	/**
	 * Run a main class in a new JVM and return the figures it reported, in order.
	 * @param mainClass the class to run
	 * @param jvmArguments options for the JVM
	 * @param arguments arguments for the main method
	 * @return the reported figures by name
	 * @throws IOException if the JVM cannot be started
	 * @throws InterruptedException if interrupted while waiting for it
	 */
	public static Map<String, Double> run(Class<?> mainClass, List<String> jvmArguments, String... arguments)
			throws IOException, InterruptedException {
		return run(mainClass, jvmArguments, List.of(), arguments);
	}

	/**
	 * Run a main class in a new JVM, with more on its class path, and return the figures
	 * it reported, in order.
	 * @param mainClass the class to run
	 * @param jvmArguments options for the JVM
	 * @param classPath entries to add to this JVM's class path
	 * @param arguments arguments for the main method
	 * @return the reported figures by name
	 * @throws IOException if the JVM cannot be started
	 * @throws InterruptedException if interrupted while waiting for it
	 */
	public static Map<String, Double> run(Class<?> mainClass, List<String> jvmArguments, List<String> classPath,
			String... arguments) throws IOException, InterruptedException {
		return run(Path.of(System.getProperty("java.home")), mainClass, jvmArguments, classPath, arguments);
	}

	/**
	 * Run a main class in a new JVM of another Java installation, with more on its class
	 * path, and return the figures it reported, in order.
	 * @param javaHome the Java installation
	 * @param mainClass the class to run
	 * @param jvmArguments options for the JVM
	 * @param classPath entries to add to this JVM's class path
	 * @param arguments arguments for the main method
	 * @return the reported figures by name
	 * @throws IOException if the JVM cannot be started
	 * @throws InterruptedException if interrupted while waiting for it
	 */
	public static Map<String, Double> run(Path javaHome, Class<?> mainClass, List<String> jvmArguments,
			List<String> classPath, String... arguments) throws IOException, InterruptedException {
		List<String> command = new ArrayList<>();
		command.add(javaHome.resolve("bin").resolve("java").toString());
		command.addAll(jvmArguments);
		command.add("-cp");
		List<String> entries = new ArrayList<>(classPath);
		entries.add(System.getProperty("java.class.path"));
		command.add(String.join(File.pathSeparator, entries));
		command.add(mainClass.getName());
		command.addAll(List.of(arguments));
		Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
		Map<String, Double> results = new LinkedHashMap<>();
		try (BufferedReader reader = new BufferedReader(
				new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
			for (String line = reader.readLine(); line != null; line = reader.readLine()) {
				if (line.startsWith(PREFIX)) {
					String[] parts = line.substring(PREFIX.length()).split(" ");
					results.put(parts[0], Double.parseDouble(parts[1]));
				}
				System.out.println("  | " + line);
			}
		}
		int exit = process.waitFor();
		if (exit != 0) {
			throw new IllegalStateException(mainClass.getSimpleName() + " exited with " + exit);
		}
		return results;
	}

}
