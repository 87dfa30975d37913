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

package dev.dispatch.benchmarks.hotpath;

import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * One keep-alive HTTP/1.1 connection on a plain socket, for one thread. It writes
 * precomputed requests and parses responses with {@code Content-Length} or
 * {@code chunked} bodies into a reused buffer, allocating nothing per request.
 *
 * @author Dispatch contributors
 */
public final class HttpConnection implements Closeable {

	private static final byte[] HTTP_1_1 = ascii("HTTP/1.1 ");

	private static final byte[] CONTENT_LENGTH = ascii("content-length:");

	private static final byte[] TRANSFER_ENCODING = ascii("transfer-encoding:");

	private static final byte[] CONNECTION = ascii("connection:");

	private static final byte[] CHUNKED = ascii("chunked");

	private static final byte[] CLOSE = ascii("close");

	private static final int TIMEOUT_MILLIS = 10_000;

	private static final int MAX_BODY = 1 << 20;

	private final Socket socket;

	private final InputStream in;

	private final OutputStream out;

	private final byte[] buffer = new byte[16 * 1024];

	private int position;

	private int limit;

	private byte[] body = new byte[1024];

	private int bodyLength;

	private final byte[] head = new byte[this.buffer.length];

	private int statusLineEnd;

	private int headEnd;

	private int status;

	private boolean closeRequested;

	/**
	 * Open a connection to a port on the loopback interface.
	 * @param port the port
	 * @throws IOException if the connection cannot be opened
	 */
	public HttpConnection(int port) throws IOException {
		this.socket = new Socket(InetAddress.getLoopbackAddress(), port);
		this.socket.setTcpNoDelay(true);
		this.socket.setSoTimeout(TIMEOUT_MILLIS);
		this.in = this.socket.getInputStream();
		this.out = this.socket.getOutputStream();
	}

	/**
	 * The bytes of a keep-alive {@code GET} request.
	 * @param target the request target, such as {@code /hello}
	 * @return the request
	 */
	public static byte[] get(String target) {
		return ascii("GET " + target + " HTTP/1.1\r\nHost: localhost\r\n\r\n");
	}

	/**
	 * Send a request and read its response.
	 * @param request the request, as from {@link #get(String)}
	 * @throws IOException on I/O errors or a malformed response
	 */
	public void exchange(byte[] request) throws IOException {
		this.out.write(request);
		this.out.flush();
		readResponse();
	}

	/**
	 * Whether the last response had status 200.
	 * @return whether it was a 200
	 */
	public boolean isOk() {
		return this.status == 200;
	}

	/**
	 * The last response's status code.
	 * @return the status code
	 */
	public int status() {
		return this.status;
	}

	/**
	 * Whether the last response's body is the given bytes.
	 * @param expected the expected body
	 * @return whether it is
	 */
	public boolean bodyEquals(byte[] expected) {
		return Arrays.equals(this.body, 0, this.bodyLength, expected, 0, expected.length);
	}

	/**
	 * Whether the server asked to close the connection after the last response.
	 * @return whether the connection must not be reused
	 */
	public boolean isCloseRequested() {
		return this.closeRequested;
	}

	/**
	 * The last response's status line.
	 * @return the status line, without its line break
	 */
	public String statusLine() {
		return new String(this.head, 0, this.statusLineEnd, StandardCharsets.ISO_8859_1);
	}

	/**
	 * The last response's body as text.
	 * @return the body, decoded as UTF-8
	 */
	public String body() {
		return new String(this.body, 0, this.bodyLength, StandardCharsets.UTF_8);
	}

	/**
	 * The last response's head (status line and headers), for error messages.
	 * @return the head
	 */
	public String head() {
		return new String(this.head, 0, this.headEnd, StandardCharsets.ISO_8859_1).trim();
	}

	@Override
	public void close() throws IOException {
		this.socket.close();
	}

	/**
	 * Read one response. The head is copied for {@link #statusLine()} and
	 * {@link #head()}; the body is copied to its own array.
	 */
	private void readResponse() throws IOException {
		compact();
		int end;
		while ((end = indexOfHeadEnd()) == -1) {
			if (this.limit == this.buffer.length) {
				throw new IOException("Response head larger than " + this.buffer.length + " bytes");
			}
			fill();
		}
		System.arraycopy(this.buffer, 0, this.head, 0, end);
		this.headEnd = end;
		this.statusLineEnd = indexOfLineEnd(0, end);
		this.status = parseStatus();
		long contentLength = -1;
		boolean chunked = false;
		this.closeRequested = false;
		int line = this.statusLineEnd + 2;
		while (line < end) {
			int lineEnd = indexOfLineEnd(line, end);
			if (regionMatches(this.buffer, line, CONTENT_LENGTH, true)) {
				contentLength = parseDecimal(line + CONTENT_LENGTH.length, lineEnd);
			}
			else if (regionMatches(this.buffer, line, TRANSFER_ENCODING, true)) {
				chunked = contains(line + TRANSFER_ENCODING.length, lineEnd, CHUNKED);
			}
			else if (regionMatches(this.buffer, line, CONNECTION, true)) {
				this.closeRequested = contains(line + CONNECTION.length, lineEnd, CLOSE);
			}
			line = lineEnd + 2;
		}
		this.position = end + 4;
		this.bodyLength = 0;
		if (chunked) {
			readChunked();
		}
		else if (contentLength >= 0) {
			readBody((int) Math.min(contentLength, MAX_BODY + 1L));
		}
		else {
			throw new IOException("Response without Content-Length or chunked body: " + head());
		}
	}

	private void readChunked() throws IOException {
		while (true) {
			int lineEnd = readLine();
			int size = (int) parseHex(this.position, lineEnd);
			this.position = lineEnd + 2;
			if (size == 0) {
				// Trailers until an empty line
				while (true) {
					int trailerEnd = readLine();
					boolean empty = trailerEnd == this.position;
					this.position = trailerEnd + 2;
					if (empty) {
						return;
					}
				}
			}
			readBody(size);
			int crlfEnd = ensure(2);
			if (this.buffer[crlfEnd - 2] != '\r' || this.buffer[crlfEnd - 1] != '\n') {
				throw new IOException("Malformed chunk");
			}
			this.position = crlfEnd;
		}
	}

	// Return the index of the end of the line at the position, reading as needed.
	private int readLine() throws IOException {
		while (true) {
			for (int i = this.position; i + 1 < this.limit; i++) {
				if (this.buffer[i] == '\r' && this.buffer[i + 1] == '\n') {
					return i;
				}
			}
			if (this.position > 0) {
				shiftToStart();
			}
			else if (this.limit == this.buffer.length) {
				throw new IOException("Line too long");
			}
			fill();
		}
	}

	// Append the given number of body bytes from the connection to the body.
	private void readBody(int length) throws IOException {
		if (this.bodyLength + length > MAX_BODY) {
			throw new IOException("Response body larger than " + MAX_BODY + " bytes");
		}
		if (this.body.length < this.bodyLength + length) {
			this.body = Arrays.copyOf(this.body, Math.max(this.body.length * 2, this.bodyLength + length));
		}
		int remaining = length;
		while (remaining > 0) {
			if (this.position == this.limit) {
				this.position = 0;
				this.limit = 0;
				fill();
			}
			int n = Math.min(remaining, this.limit - this.position);
			System.arraycopy(this.buffer, this.position, this.body, this.bodyLength, n);
			this.position += n;
			this.bodyLength += n;
			remaining -= n;
		}
	}

	// Make the given number of bytes available at the position; return where they end.
	private int ensure(int count) throws IOException {
		while (this.limit - this.position < count) {
			if (this.position > 0) {
				shiftToStart();
			}
			fill();
		}
		return this.position + count;
	}

	private void compact() {
		if (this.position == this.limit) {
			this.position = 0;
			this.limit = 0;
		}
		else if (this.position > 0) {
			shiftToStart();
		}
	}

	private void shiftToStart() {
		System.arraycopy(this.buffer, this.position, this.buffer, 0, this.limit - this.position);
		this.limit -= this.position;
		this.position = 0;
	}

	private void fill() throws IOException {
		int n = this.in.read(this.buffer, this.limit, this.buffer.length - this.limit);
		if (n == -1) {
			throw new EOFException("Connection closed by the server");
		}
		this.limit += n;
	}

	private int indexOfHeadEnd() {
		for (int i = 0; i + 3 < this.limit; i++) {
			if (this.buffer[i] == '\r' && this.buffer[i + 1] == '\n' && this.buffer[i + 2] == '\r'
					&& this.buffer[i + 3] == '\n') {
				return i;
			}
		}
		return -1;
	}

	private int indexOfLineEnd(int from, int end) {
		for (int i = from; i + 1 < end; i++) {
			if (this.buffer[i] == '\r' && this.buffer[i + 1] == '\n') {
				return i;
			}
		}
		return end;
	}

	private int parseStatus() throws IOException {
		int start = HTTP_1_1.length;
		if (!regionMatches(this.buffer, 0, HTTP_1_1, false) || this.statusLineEnd < start + 3
				|| (this.statusLineEnd > start + 3 && this.buffer[start + 3] != ' ')) {
			throw new IOException("Malformed status line: " + statusLine());
		}
		return (int) parseDecimal(start, start + 3);
	}

	private long parseDecimal(int from, int to) throws IOException {
		long value = 0;
		boolean digits = false;
		for (int i = from; i < to; i++) {
			byte b = this.buffer[i];
			if (b >= '0' && b <= '9') {
				value = value * 10 + (b - '0');
				digits = true;
				if (value > Integer.MAX_VALUE) {
					throw new IOException("Content-Length too large");
				}
			}
			else if (b != ' ' && b != '\t') {
				throw new IOException("Malformed Content-Length");
			}
		}
		if (!digits) {
			throw new IOException("Empty Content-Length");
		}
		return value;
	}

	private long parseHex(int from, int to) throws IOException {
		long value = 0;
		boolean digits = false;
		for (int i = from; i < to; i++) {
			int digit = Character.digit(this.buffer[i], 16);
			if (digit == -1) {
				if (this.buffer[i] == ';' || this.buffer[i] == ' ') {
					break; // chunk extensions
				}
				throw new IOException("Malformed chunk size");
			}
			value = value * 16 + digit;
			digits = true;
			if (value > MAX_BODY) {
				throw new IOException("Chunk too large");
			}
		}
		if (!digits) {
			throw new IOException("Empty chunk size");
		}
		return value;
	}

	private boolean contains(int from, int to, byte[] token) {
		for (int i = from; i + token.length <= to; i++) {
			if (regionMatches(this.buffer, i, token, true)) {
				return true;
			}
		}
		return false;
	}

	private static boolean regionMatches(byte[] bytes, int offset, byte[] expected, boolean ignoreCase) {
		if (offset + expected.length > bytes.length) {
			return false;
		}
		for (int i = 0; i < expected.length; i++) {
			byte b = bytes[offset + i];
			if (ignoreCase && b >= 'A' && b <= 'Z') {
				b = (byte) (b + ('a' - 'A'));
			}
			if (b != expected[i]) {
				return false;
			}
		}
		return true;
	}

	private static byte[] ascii(String text) {
		return text.getBytes(StandardCharsets.US_ASCII);
	}

}
