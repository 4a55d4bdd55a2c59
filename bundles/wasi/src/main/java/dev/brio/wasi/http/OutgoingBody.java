package dev.brio.wasi.http;

import dev.brio.wasi.io.HostOutputStream;
import dev.brio.wasi.io.StreamException;
import java.io.ByteArrayOutputStream;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * The host side of {@code outgoing-body}: the guest writes through one output stream, then calls
 * {@code finish}; the request is sent with the bytes written by then. A body dropped without {@code
 * finish} is incomplete, and the request fails.
 */
final class OutgoingBody implements Dropped {
  /** The largest body buffered for one request. */
  static final int MAX_BYTES = 64 << 20;

  private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
  private final CompletableFuture<byte[]> complete = new CompletableFuture<>();
  private boolean streamTaken;

  /** The body's bytes once finished; fails if dropped unfinished. */
  CompletableFuture<byte[]> complete() {
    return complete;
  }

  /** The one output stream ({@code write}); empty if it was already taken. */
  synchronized Optional<HostOutputStream> takeStream() {
    if (streamTaken) {
      return Optional.empty();
    }
    streamTaken = true;
    return Optional.of(new Writer());
  }

  synchronized void finish() {
    complete.complete(bytes.toByteArray());
  }

  @Override
  public void dropped() {
    complete.completeExceptionally(
        new IllegalStateException("the outgoing body was dropped without finish"));
  }

  private final class Writer implements HostOutputStream {
    @Override
    public long checkWrite() throws StreamException {
      synchronized (OutgoingBody.this) {
        if (complete.isDone()) {
          throw StreamException.closed();
        }
        // Full is final, not "wait": nothing drains a buffered body before finish, so 0 with an
        // always-ready pollable would make blocking writes spin.
        if (bytes.size() >= MAX_BYTES) {
          throw StreamException.failed(
              "the request body exceeds the " + MAX_BYTES + "-byte limit of Brio's wasi:http",
              null);
        }
        return MAX_BYTES - bytes.size();
      }
    }

    @Override
    public void write(byte[] data) throws StreamException {
      synchronized (OutgoingBody.this) {
        if (complete.isDone()) {
          throw StreamException.closed();
        }
        if (bytes.size() + (long) data.length > MAX_BYTES) {
          throw StreamException.failed("outgoing body larger than " + MAX_BYTES + " bytes", null);
        }
        bytes.writeBytes(data);
      }
    }

    @Override
    public void flush() {}
  }
}
