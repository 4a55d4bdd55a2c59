package dev.brio.wasi.io;

import java.util.Objects;

/**
 * Why a stream operation did not happen: the stream is {@linkplain #closed() closed} (end of input,
 * or an output whose reader went away), or the {@linkplain #failed last operation failed}. The
 * guest sees {@code stream-error.closed} or {@code stream-error.last-operation-failed(error)}, the
 * error resource carrying this exception (its {@code to-debug-string} is the message).
 */
public final class StreamException extends Exception {
  private static final long serialVersionUID = 1L;

  private final boolean closed;

  private StreamException(boolean closed, String message, Throwable cause) {
    super(message, cause);
    this.closed = closed;
  }

  /** The stream is closed: no more bytes, or no more writes. */
  public static StreamException closed() {
    return new StreamException(true, "stream closed", null);
  }

  /** The last operation failed; {@code cause} (may be null) is what the host saw. */
  public static StreamException failed(String message, Throwable cause) {
    return new StreamException(false, Objects.requireNonNull(message, "message"), cause);
  }

  /** Whether this is {@code closed} rather than {@code last-operation-failed}. */
  public boolean isClosed() {
    return closed;
  }
}
