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

package dev.dispatch.context;

import java.lang.annotation.Annotation;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.convert.ApplicationConversionService;
import org.springframework.core.convert.ConversionService;
import org.springframework.core.convert.TypeDescriptor;
import org.springframework.core.convert.converter.Converter;
import org.springframework.core.convert.converter.ConverterFactory;
import org.springframework.core.convert.converter.GenericConverter;
import org.springframework.core.convert.support.ConfigurableConversionService;
import org.springframework.format.AnnotationFormatterFactory;
import org.springframework.format.Formatter;
import org.springframework.format.FormatterRegistry;
import org.springframework.format.Parser;
import org.springframework.format.Printer;

/**
 * The conversion service of a dispatched application's {@code Environment} and bean
 * factory, where Boot gives every application a new {@link ApplicationConversionService}:
 * it converts with Boot's {@link ApplicationConversionService#getSharedInstance() shared
 * instance} until the application registers a converter or formatter of its own (Spring
 * Security's {@code RsaKeyConversionServicePostProcessor} does), then with an
 * {@code ApplicationConversionService} of the application's own that has it. Tenants that
 * register nothing cost no converters of their own, and none sees another's.
 *
 * @author Dispatch contributors
 */
public final class CopyOnWriteConversionService implements ConfigurableConversionService, FormatterRegistry {

	private volatile ConversionService delegate = ApplicationConversionService.getSharedInstance();

	private @Nullable ApplicationConversionService own;

	/**
	 * Whether the application has registered converters of its own.
	 * @return {@code true} once it has
	 */
	public boolean isCopied() {
		return this.delegate != ApplicationConversionService.getSharedInstance();
	}

	private synchronized ApplicationConversionService own() {
		ApplicationConversionService own = this.own;
		if (own == null) {
			own = new ApplicationConversionService();
			this.own = own;
			this.delegate = own;
		}
		return own;
	}

	@Override
	public boolean canConvert(@Nullable Class<?> sourceType, Class<?> targetType) {
		return this.delegate.canConvert(sourceType, targetType);
	}

	@Override
	public boolean canConvert(@Nullable TypeDescriptor sourceType, TypeDescriptor targetType) {
		return this.delegate.canConvert(sourceType, targetType);
	}

	@Override
	public <T> @Nullable T convert(@Nullable Object source, Class<T> targetType) {
		return this.delegate.convert(source, targetType);
	}

	@Override
	public @Nullable Object convert(@Nullable Object source, TypeDescriptor targetType) {
		return this.delegate.convert(source, targetType);
	}

	@Override
	public @Nullable Object convert(@Nullable Object source, @Nullable TypeDescriptor sourceType,
			TypeDescriptor targetType) {
		return this.delegate.convert(source, sourceType, targetType);
	}

	@Override
	public void addConverter(Converter<?, ?> converter) {
		own().addConverter(converter);
	}

	@Override
	public <S, T> void addConverter(Class<S> sourceType, Class<T> targetType,
			Converter<? super S, ? extends T> converter) {
		own().addConverter(sourceType, targetType, converter);
	}

	@Override
	public void addConverter(GenericConverter converter) {
		own().addConverter(converter);
	}

	@Override
	public void addConverterFactory(ConverterFactory<?, ?> factory) {
		own().addConverterFactory(factory);
	}

	@Override
	public void removeConvertible(Class<?> sourceType, Class<?> targetType) {
		own().removeConvertible(sourceType, targetType);
	}

	@Override
	public void addPrinter(Printer<?> printer) {
		own().addPrinter(printer);
	}

	@Override
	public void addParser(Parser<?> parser) {
		own().addParser(parser);
	}

	@Override
	public void addFormatter(Formatter<?> formatter) {
		own().addFormatter(formatter);
	}

	@Override
	public void addFormatterForFieldType(Class<?> fieldType, Formatter<?> formatter) {
		own().addFormatterForFieldType(fieldType, formatter);
	}

	@Override
	public void addFormatterForFieldType(Class<?> fieldType, Printer<?> printer, Parser<?> parser) {
		own().addFormatterForFieldType(fieldType, printer, parser);
	}

	@Override
	public void addFormatterForFieldAnnotation(
			AnnotationFormatterFactory<? extends Annotation> annotationFormatterFactory) {
		own().addFormatterForFieldAnnotation(annotationFormatterFactory);
	}

	@Override
	public String toString() {
		return this.delegate.toString();
	}

}
