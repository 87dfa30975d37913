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

package dev.dispatch.context.reuse;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.springframework.beans.BeanUtils;
import org.springframework.beans.factory.support.DefaultListableBeanFactory;
import org.springframework.boot.autoconfigure.condition.ConditionEvaluationReport;
import org.springframework.boot.autoconfigure.condition.ConditionEvaluationReport.ConditionAndOutcome;
import org.springframework.boot.autoconfigure.condition.ConditionEvaluationReport.ConditionAndOutcomes;
import org.springframework.context.annotation.Condition;

/**
 * The conditions that processing evaluated, for the condition evaluation report of an
 * application that reuses it.
 *
 * @param unconditionalClasses the classes evaluated without conditions
 * @param exclusions the excluded auto-configurations
 * @param outcomes the conditions and their outcomes, by source
 * @author Dispatch contributors
 */
record RecordedConditions(List<String> unconditionalClasses, List<String> exclusions,
		Map<String, List<ConditionAndOutcome>> outcomes) {

	static @Nullable RecordedConditions of(DefaultListableBeanFactory beanFactory) {
		ConditionEvaluationReport report = (beanFactory.containsSingleton(ReuseInternals.REPORT_BEAN_NAME))
				? ConditionEvaluationReport.find(beanFactory) : null;
		if (report == null) {
			return null;
		}
		Map<String, List<ConditionAndOutcome>> outcomes = new LinkedHashMap<>();
		Map<Class<?>, Condition> conditions = new HashMap<>();
		for (Map.Entry<String, ConditionAndOutcomes> entry : report.getConditionAndOutcomesBySource().entrySet()) {
			List<ConditionAndOutcome> list = new ArrayList<>();
			for (ConditionAndOutcome outcome : entry.getValue()) {
				// The report shows a condition by its class; the instance that was
				// evaluated may hold the first application's bean factory
				Condition condition = conditions.computeIfAbsent(outcome.getCondition().getClass(),
						(type) -> (Condition) BeanUtils.instantiateClass(type));
				list.add(new ConditionAndOutcome(condition, outcome.getOutcome()));
			}
			outcomes.put(entry.getKey(), list);
		}
		return new RecordedConditions(List.copyOf(report.getUnconditionalClasses()),
				List.copyOf(report.getExclusions()), outcomes);
	}

	void applyTo(ConditionEvaluationReport report) {
		report.recordEvaluationCandidates(this.unconditionalClasses);
		report.recordExclusions(this.exclusions);
		this.outcomes.forEach((source, outcomes) -> outcomes.forEach(
				(outcome) -> report.recordConditionEvaluation(source, outcome.getCondition(), outcome.getOutcome())));
	}

}
