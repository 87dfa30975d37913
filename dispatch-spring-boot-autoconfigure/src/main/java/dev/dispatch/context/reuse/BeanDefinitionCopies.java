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

import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.springframework.beans.PropertyValue;
import org.springframework.beans.factory.annotation.AnnotatedBeanDefinition;
import org.springframework.beans.factory.annotation.AnnotatedGenericBeanDefinition;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.beans.factory.config.BeanDefinitionHolder;
import org.springframework.beans.factory.config.BeanReference;
import org.springframework.beans.factory.config.ConstructorArgumentValues;
import org.springframework.beans.factory.config.ConstructorArgumentValues.ValueHolder;
import org.springframework.beans.factory.config.TypedStringValue;
import org.springframework.beans.factory.support.AbstractBeanDefinition;
import org.springframework.beans.factory.support.GenericBeanDefinition;
import org.springframework.boot.context.properties.bind.BindMethod;
import org.springframework.core.type.MethodMetadata;

/**
 * Copies of bean definitions that the applications of a template can each register, and
 * the checks that they hold nothing of the application that produced them.
 *
 * @author Dispatch contributors
 */
final class BeanDefinitionCopies {

	private BeanDefinitionCopies() {
	}

	/**
	 * Copy a bean definition, keeping the metadata of an annotated one, which Spring's
	 * own copy of a generic definition drops.
	 * @param definition the definition
	 * @return the copy
	 */
	static AbstractBeanDefinition copy(BeanDefinition definition) {
		if (definition instanceof AnnotatedBeanDefinition annotated
				&& definition instanceof GenericBeanDefinition generic) {
			MethodMetadata factoryMethod = annotated.getFactoryMethodMetadata();
			AnnotatedGenericBeanDefinition copy = (factoryMethod != null)
					? new AnnotatedGenericBeanDefinition(annotated.getMetadata(), factoryMethod)
					: new AnnotatedGenericBeanDefinition(annotated.getMetadata());
			copy.overrideFrom(generic);
			return copy;
		}
		return ((AbstractBeanDefinition) definition).cloneBeanDefinition();
	}

	/**
	 * Whether a bean definition is of {@code @ConfigurationProperties} bound by
	 * constructor, whose instance supplier Boot's registrar makes for the bean factory it
	 * registers the definition in.
	 * @param definition the definition
	 * @return whether it is
	 */
	static boolean isBoundByConstructor(BeanDefinition definition) {
		return definition.getAttribute(ReuseInternals.BIND_METHOD_ATTRIBUTE) == BindMethod.VALUE_OBJECT
				&& definition instanceof AbstractBeanDefinition abstractDefinition && abstractDefinition.hasBeanClass();
	}

	/**
	 * Whether a bean definition's arguments, properties and attributes are values that
	 * applications can share: strings, numbers, classes, references to beans by name,
	 * inner bean definitions and collections of those. Any other object may belong to the
	 * application that processed the definition, such as its environment.
	 * @param definition the definition
	 * @return whether it holds only values
	 */
	static boolean holdsOnlyValues(BeanDefinition definition) {
		for (PropertyValue property : definition.getPropertyValues().getPropertyValues()) {
			if (!isValue(property.getValue())) {
				return false;
			}
		}
		ConstructorArgumentValues arguments = definition.getConstructorArgumentValues();
		for (ValueHolder argument : arguments.getIndexedArgumentValues().values()) {
			if (!isValue(argument.getValue())) {
				return false;
			}
		}
		for (ValueHolder argument : arguments.getGenericArgumentValues()) {
			if (!isValue(argument.getValue())) {
				return false;
			}
		}
		return attributesAreValues(definition);
	}

	static boolean attributesAreValues(BeanDefinition definition) {
		for (String name : definition.attributeNames()) {
			if (!isValue(definition.getAttribute(name))) {
				return false;
			}
		}
		return true;
	}

	private static boolean isValue(@Nullable Object value) {
		if (value == null || value instanceof CharSequence || value instanceof Number || value instanceof Boolean
				|| value instanceof Character || value instanceof Enum || value instanceof Class
				|| value instanceof BeanReference || value instanceof TypedStringValue) {
			return true;
		}
		if (value instanceof BeanDefinitionHolder holder) {
			return holdsOnlyValues(holder.getBeanDefinition());
		}
		if (value instanceof BeanDefinition inner) {
			return holdsOnlyValues(inner);
		}
		if (value instanceof Collection<?> collection) {
			return collection.stream().allMatch(BeanDefinitionCopies::isValue);
		}
		if (value instanceof Map<?, ?> map) {
			return map.keySet().stream().allMatch(BeanDefinitionCopies::isValue)
					&& map.values().stream().allMatch(BeanDefinitionCopies::isValue);
		}
		if (value instanceof Object[] array) {
			return Arrays.stream(array).allMatch(BeanDefinitionCopies::isValue);
		}
		return false;
	}

	static Map<String, @Nullable Object> attributesOf(BeanDefinition definition) {
		Map<String, @Nullable Object> attributes = new LinkedHashMap<>();
		for (String name : definition.attributeNames()) {
			attributes.put(name, definition.getAttribute(name));
		}
		return attributes;
	}

}
