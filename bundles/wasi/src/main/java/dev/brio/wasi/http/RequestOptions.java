package dev.brio.wasi.http;

import java.time.Duration;
import java.util.Optional;

/**
 * The host side of {@code request-options}: the three timeouts, in nanoseconds (a {@code duration}
 * of wasi:clocks). {@link HttpSender} enforces them: connect through the client, first-byte until
 * the response headers, between-bytes on each wait for response body bytes.
 */
final class RequestOptions {
  Optional<Long> connectTimeout = Optional.empty();
  Optional<Long> firstByteTimeout = Optional.empty();
  Optional<Long> betweenBytesTimeout = Optional.empty();

  static Optional<Duration> duration(Optional<Long> nanos) {
    return nanos.map(Duration::ofNanos);
  }
}
