package dev.brio.wasi.http;

import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;

/** The host side of {@code incoming-response}: status, headers, and a body consumed once. */
final class IncomingResponse implements Dropped {
  final int status;
  final Fields headers;
  private final long betweenBytesNanos;
  private InputStream body;

  /**
   * @param betweenBytesNanos the between-bytes-timeout of the body's reads, 0 for none
   */
  IncomingResponse(int status, Fields headers, InputStream body, long betweenBytesNanos) {
    this.status = status;
    this.headers = headers;
    this.body = body;
    this.betweenBytesNanos = betweenBytesNanos;
  }

  /** The body ({@code consume}); empty if already consumed. */
  synchronized Optional<IncomingBody> consume() {
    if (body == null) {
      return Optional.empty();
    }
    IncomingBody b = new IncomingBody(body, betweenBytesNanos);
    body = null;
    return Optional.of(b);
  }

  @Override
  public synchronized void dropped() {
    if (body != null) {
      close(body);
      body = null;
    }
  }

  static void close(InputStream in) {
    try {
      in.close();
    } catch (IOException e) {
      // the connection is being abandoned; nothing more to release
    }
  }
}
