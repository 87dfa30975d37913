package dev.dispatch.sample.home;

import java.util.concurrent.atomic.AtomicLong;

import org.springframework.stereotype.Component;

/**
 * A bean of the default application that the admin application, which inherits the
 * default application's beans, uses too.
 */
@Component
public class VisitCounter {

	private final AtomicLong visits = new AtomicLong();

	public long visit() {
		return this.visits.incrementAndGet();
	}

}
