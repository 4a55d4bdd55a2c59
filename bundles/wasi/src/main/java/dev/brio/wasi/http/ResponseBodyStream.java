package dev.brio.wasi.http;

import dev.brio.wasi.io.PumpedInputStream;
import java.io.InputStream;
import java.util.concurrent.TimeUnit;

/**
 * A response body as the guest's {@code input-stream}: the connection's body, pumped like any
 * blocking source, so reads never block and the pollable knows when bytes arrive.
 *
 * <p>{@code between-bytes-timeout} is the pump's stall limit: once it has waited on the connection
 * longer than that with nothing buffered, the stream fails with {@code connection-read-timeout} and
 * the connection is closed. Dropping the stream closes the connection's body.
 */
final class ResponseBodyStream {
  private ResponseBodyStream() {}

  /**
   * @param betweenBytesNanos the longest wait for the next bytes, 0 for no limit
   */
  static PumpedInputStream of(InputStream source, long betweenBytesNanos) {
    return new PumpedInputStream(
        source,
        "response body",
        new PumpedInputStream.StallLimit(
            betweenBytesNanos,
            () ->
                new ErrorCodeException(
                    HttpErrors.code("connection-read-timeout"),
                    "no response body bytes for longer than the between-bytes-timeout of "
                        + TimeUnit.NANOSECONDS.toMillis(betweenBytesNanos)
                        + " ms")),
        IncomingResponse::close);
  }
}
