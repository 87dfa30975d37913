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

import dev.dispatch.application.DispatchedApplicationStartupException;
import dev.dispatch.context.isolated.InvalidArchiveException;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * A {@code FailureAnalyzer} that explains a
 * {@link DispatchedApplicationStartupException}: an eager application that failed to
 * start with the default application.
 *
 * @author Dispatch contributors
 */
class DispatchedApplicationStartupFailureAnalyzer
		extends AbstractFailureAnalyzer<DispatchedApplicationStartupException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, DispatchedApplicationStartupException cause) {
		Throwable failure = (cause.getCause() != null) ? cause.getCause() : cause;
		String description = "The " + cause.getApplication() + " failed to start: " + failure.getMessage();
		// A setting that the application cannot honour has a fix of its own
		if (failure instanceof InvalidDispatchConfigurationException invalid) {
			return new FailureAnalysis(description, invalid.getAction(), cause);
		}
		if (failure instanceof InvalidArchiveException invalid) {
			return new FailureAnalysis(description, invalid.getAction(), cause);
		}
		String action = "Fix the cause above, or set '" + cause.getConfigurationPrefix()
				+ ".eager' to false so that the default application starts without it "
				+ "and it answers 503 until a request starts it.";
		return new FailureAnalysis(description, action, cause);
	}

}
