package dev.brio.wasi.http;

import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;

/** The host side of {@code incoming-response}: status, headers, and a body consumed once. */
final class IncomingResponse implements Dropped {
  final int status;
  final Fields headers;
  private InputStream body;

  IncomingResponse(int status, Fields headers, InputStream body) {
    this.status = status;
    this.headers = headers;
    this.body = body;
  }

  /** The body ({@code consume}); empty if already consumed. */
  synchronized Optional<IncomingBody> consume() {
    if (body == null) {
      return Optional.empty();
    }
    IncomingBody b = new IncomingBody(body);
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
