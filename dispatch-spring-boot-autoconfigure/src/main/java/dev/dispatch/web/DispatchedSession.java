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

package dev.dispatch.web;

import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.Map;
import java.util.WeakHashMap;

import jakarta.servlet.ServletContext;
import jakarta.servlet.http.HttpSession;
import org.jspecify.annotations.Nullable;

/**
 * The HTTP session as a dispatched application sees it: the container's session, shared
 * through the one session cookie of the host, with the application's attributes under a
 * prefix of its own. An application sees only its own attributes, and
 * {@link #invalidate()} (Spring Security's logout) removes only them: logging in to or
 * out of one application never logs the user in to or out of another. The container's
 * session itself is invalidated when no application has attributes left in it.
 * <p>
 * The attributes of an application of a class loader of its own are objects of its
 * classes, which would keep its class loader as long as the session lives: the
 * container's session holds only a ticket of the starter's, and the value stays with the
 * application's {@link Values}, which end with it. Its session attributes end with the
 * application, as they would when its classes are loaded again.
 *
 * @author Dispatch contributors
 */
public final class DispatchedSession implements HttpSession {

	private final HttpSession session;

	private final String prefix;

	private final ServletContext servletContext;

	private final @Nullable Values values;

	public DispatchedSession(HttpSession session, String namespace, ServletContext servletContext) {
		this(session, namespace, servletContext, null);
	}

	/**
	 * Create the session of an application.
	 * @param session the container's session
	 * @param namespace the prefix of the application's attributes
	 * @param servletContext the application's servlet context
	 * @param values where the application's values are kept, if not in the container's
	 * session
	 */
	public DispatchedSession(HttpSession session, String namespace, ServletContext servletContext,
			@Nullable Values values) {
		this.session = session;
		this.prefix = namespace + ":";
		this.servletContext = servletContext;
		this.values = values;
	}

	@Override
	public long getCreationTime() {
		return this.session.getCreationTime();
	}

	@Override
	public String getId() {
		return this.session.getId();
	}

	@Override
	public long getLastAccessedTime() {
		return this.session.getLastAccessedTime();
	}

	@Override
	public ServletContext getServletContext() {
		return this.servletContext;
	}

	@Override
	public void setMaxInactiveInterval(int interval) {
		this.session.setMaxInactiveInterval(interval);
	}

	@Override
	public int getMaxInactiveInterval() {
		return this.session.getMaxInactiveInterval();
	}

	@Override
	public @Nullable Object getAttribute(String name) {
		Object value = this.session.getAttribute(this.prefix + name);
		return (this.values != null && value instanceof Ticket ticket) ? this.values.get(ticket) : value;
	}

	@Override
	public Enumeration<String> getAttributeNames() {
		return Collections.enumeration(attributeNames());
	}

	private List<String> attributeNames() {
		return Collections.list(this.session.getAttributeNames())
			.stream()
			.filter((name) -> name.startsWith(this.prefix))
			.map((name) -> name.substring(this.prefix.length()))
			.toList();
	}

	@Override
	public void setAttribute(String name, @Nullable Object value) {
		if (value == null) {
			removeAttribute(name);
			return;
		}
		this.session.setAttribute(this.prefix + name, (this.values != null) ? this.values.put(value) : value);
		PrincipalIndex.set(this.session, name, value);
	}

	@Override
	public void removeAttribute(String name) {
		Object value = getAttribute(name);
		this.session.removeAttribute(this.prefix + name);
		PrincipalIndex.remove(this.session, name, value);
	}

	@Override
	public void invalidate() {
		attributeNames().forEach(this::removeAttribute);
		if (!this.session.getAttributeNames().hasMoreElements()) {
			this.session.invalidate();
		}
	}

	@Override
	public boolean isNew() {
		return this.session.isNew();
	}

	@Override
	public boolean equals(@Nullable Object obj) {
		return (obj instanceof DispatchedSession other) && this.session.equals(other.session)
				&& this.prefix.equals(other.prefix);
	}

	@Override
	public int hashCode() {
		return 31 * this.session.hashCode() + this.prefix.hashCode();
	}

	/**
	 * The session values of an application of a class loader of its own, by the tickets
	 * that the container's sessions hold: a value lives while its ticket's session does,
	 * and no longer than the application.
	 */
	public static final class Values {

		private final Map<Ticket, Object> values = Collections.synchronizedMap(new WeakHashMap<>());

		Ticket put(Object value) {
			Ticket ticket = new Ticket();
			this.values.put(ticket, value);
			return ticket;
		}

		@Nullable Object get(Ticket ticket) {
			return this.values.get(ticket);
		}

	}

	/**
	 * What the container's session holds for a value of an application of a class loader
	 * of its own.
	 */
	static final class Ticket {

	}

}
