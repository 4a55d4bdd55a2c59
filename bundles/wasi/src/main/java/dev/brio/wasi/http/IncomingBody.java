package dev.brio.wasi.http;

import dev.brio.wasi.io.HostInputStream;
import java.io.InputStream;
import java.util.Optional;

/**
 * The host side of {@code incoming-body}: the response body as one input stream ({@link
 * ResponseBodyStream}). The connection's body is closed when the stream is dropped, or when the
 * body is dropped (or finished) without its stream ever taken.
 */
final class IncomingBody implements Dropped {
  private final InputStream source;
  private final long betweenBytesNanos;
  private boolean streamTaken;

  IncomingBody(InputStream source, long betweenBytesNanos) {
    this.source = source;
    this.betweenBytesNanos = betweenBytesNanos;
  }

  /** The stream ({@code stream}); empty if already taken. */
  synchronized Optional<HostInputStream> takeStream() {
    if (streamTaken) {
      return Optional.empty();
    }
    streamTaken = true;
    return Optional.of(ResponseBodyStream.of(source, betweenBytesNanos));
  }

  @Override
  public synchronized void dropped() {
    if (!streamTaken) {
      IncomingResponse.close(source);
    }
  }
}
