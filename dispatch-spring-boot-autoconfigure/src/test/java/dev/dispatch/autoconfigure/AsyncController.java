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

package dev.dispatch.autoconfigure;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.context.request.async.DeferredResult;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

/**
 * The four async return types of Spring MVC, each completing on another thread, for a
 * test application named by its {@code String} bean.
 *
 * @author Dispatch contributors
 */
@RestController
class AsyncController {

	private final String name;

	AsyncController(String name) {
		this.name = name;
	}

	@GetMapping("/deferred")
	DeferredResult<String> deferred() {
		DeferredResult<String> result = new DeferredResult<>();
		CompletableFuture.delayedExecutor(50, TimeUnit.MILLISECONDS)
			.execute(() -> result.setResult("deferred by " + this.name));
		return result;
	}

	@GetMapping("/callable")
	Callable<String> callable() {
		return () -> "called by " + this.name;
	}

	@GetMapping("/sse")
	SseEmitter sse() {
		SseEmitter emitter = new SseEmitter();
		CompletableFuture.runAsync(() -> {
			try {
				for (String event : new String[] { "one", "two", "three" }) {
					emitter.send(event);
					Thread.sleep(20);
				}
				emitter.complete();
			}
			catch (IOException | InterruptedException ex) {
				emitter.completeWithError(ex);
			}
		});
		return emitter;
	}

	@GetMapping("/stream")
	StreamingResponseBody stream() {
		return (out) -> {
			out.write("chunk 1;".getBytes(StandardCharsets.UTF_8));
			out.flush();
			out.write("chunk 2;".getBytes(StandardCharsets.UTF_8));
		};
	}

}
