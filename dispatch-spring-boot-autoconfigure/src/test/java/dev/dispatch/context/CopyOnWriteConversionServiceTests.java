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

import java.time.Duration;
import java.util.Locale;

import org.junit.jupiter.api.Test;

import org.springframework.boot.convert.ApplicationConversionService;
import org.springframework.format.Formatter;
import org.springframework.util.unit.DataSize;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link CopyOnWriteConversionService}.
 *
 * @author Dispatch contributors
 */
class CopyOnWriteConversionServiceTests {

	@Test
	void convertsWithBootsConvertersWithoutCopyingThem() {
		CopyOnWriteConversionService conversionService = new CopyOnWriteConversionService();
		assertThat(conversionService.convert("10s", Duration.class)).isEqualTo(Duration.ofSeconds(10));
		assertThat(conversionService.convert("2MB", DataSize.class)).isEqualTo(DataSize.ofMegabytes(2));
		assertThat(conversionService.isCopied()).isFalse();
	}

	@Test
	void keepsWhatAnApplicationRegistersToItselfAlongsideBootsConverters() {
		CopyOnWriteConversionService registering = new CopyOnWriteConversionService();
		CopyOnWriteConversionService other = new CopyOnWriteConversionService();
		registering.addConverter(String.class, Point.class, Point::parse);
		assertThat(registering.isCopied()).isTrue();
		assertThat(registering.convert("1,2", Point.class)).isEqualTo(new Point(1, 2));
		assertThat(registering.convert("10s", Duration.class)).isEqualTo(Duration.ofSeconds(10));
		assertThat(other.canConvert(String.class, Point.class)).isFalse();
		assertThat(ApplicationConversionService.getSharedInstance().canConvert(String.class, Point.class)).isFalse();
	}

	@Test
	void formattersAreTheApplicationsOwnToo() {
		CopyOnWriteConversionService conversionService = new CopyOnWriteConversionService();
		conversionService.addFormatter(new PointFormatter());
		assertThat(conversionService.convert("3,4", Point.class)).isEqualTo(new Point(3, 4));
		assertThat(conversionService.convert(new Point(3, 4), String.class)).isEqualTo("3,4");
		assertThat(ApplicationConversionService.getSharedInstance().canConvert(String.class, Point.class)).isFalse();
	}

	record Point(int x, int y) {

		static Point parse(String text) {
			String[] coordinates = text.split(",");
			return new Point(Integer.parseInt(coordinates[0]), Integer.parseInt(coordinates[1]));
		}

	}

	static class PointFormatter implements Formatter<Point> {

		@Override
		public Point parse(String text, Locale locale) {
			return Point.parse(text);
		}

		@Override
		public String print(Point point, Locale locale) {
			return point.x() + "," + point.y();
		}

	}

}
