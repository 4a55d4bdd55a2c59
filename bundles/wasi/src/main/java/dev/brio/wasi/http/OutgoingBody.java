package dev.brio.wasi.http;

import dev.brio.wasi.io.HostOutputStream;
import dev.brio.wasi.io.Pollable;
import dev.brio.wasi.io.StreamException;
import java.io.IOException;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The host side of {@code outgoing-body}: the guest writes through one output stream into a {@link
 * BodyPipe}, from which java.net.http sends as soon as {@code handle} started the exchange (bytes
 * written before that wait in the pipe, as many as it holds). {@code finish} ends the body; a body
 * dropped without {@code finish} is incomplete and the exchange fails.
 *
 * <p>Bytes written before {@code handle} wait in the pipe: a guest that writes more than the pipe
 * holds before it calls {@code handle} waits (check-write 0, its pollable not ready) until it does.
 *
 * <p>When the request's headers declare a {@code content-length}, exactly that many bytes must be
 * written: a write beyond it fails, and {@code finish} short of it answers {@code
 * HTTP-request-body-size} (the exchange is then aborted, the server would wait for the rest).
 */
final class OutgoingBody implements Dropped {
  private final BodyPipe pipe;
  private final OptionalLong declaredLength;
  private boolean streamTaken;
  private boolean done;

  OutgoingBody(OptionalLong declaredLength) {
    this(declaredLength, BodyPipe.CAPACITY);
  }

  OutgoingBody(OptionalLong declaredLength, int capacity) {
    this.pipe = new BodyPipe(capacity);
    this.declaredLength = declaredLength;
  }

  BodyPipe pipe() {
    return pipe;
  }

  OptionalLong declaredLength() {
    return declaredLength;
  }

  /** The one output stream ({@code write}); empty if it was already taken. */
  synchronized Optional<HostOutputStream> takeStream() {
    if (streamTaken) {
      return Optional.empty();
    }
    streamTaken = true;
    return Optional.of(new Writer());
  }

  /**
   * Ends the body ({@code finish}).
   *
   * @return the bytes written if they are not the declared content-length (the body is then
   *     aborted), empty if the body is complete
   */
  Optional<Long> finish() {
    synchronized (this) {
      done = true;
    }
    long written = pipe.written();
    if (declaredLength.isPresent() && declaredLength.getAsLong() != written) {
      pipe.abort(
          new ErrorCodeException(
              HttpErrors.requestBodySize(written),
              "the body is "
                  + written
                  + " bytes, its content-length "
                  + declaredLength.getAsLong()));
      return Optional.of(written);
    }
    pipe.finish();
    return Optional.empty();
  }

  /** Ends the body as failed: the exchange, if started, fails. */
  void abort(String why) {
    synchronized (this) {
      done = true;
    }
    pipe.abort(new IOException(why));
  }

  /** Ends the body as failed with {@code reason}. */
  void abort(IOException reason) {
    synchronized (this) {
      done = true;
    }
    pipe.abort(reason);
  }

  @Override
  public void dropped() {
    synchronized (this) {
      if (done) {
        return;
      }
    }
    abort("the outgoing body was dropped without finish");
  }

  private synchronized boolean done() {
    return done;
  }

  private final class Writer implements HostOutputStream {
    @Override
    public long checkWrite() throws StreamException {
      if (done()) {
        throw StreamException.closed();
      }
      try {
        long room = pipe.room();
        if (declaredLength.isPresent()) {
          // room for the declared bytes only; one more is let through to fail in write
          room = Math.min(room, Math.max(1, declaredLength.getAsLong() - pipe.written()));
        }
        return room;
      } catch (IOException e) {
        throw StreamException.failed(e.getMessage(), e);
      }
    }

    @Override
    public void write(byte[] data) throws StreamException {
      if (done()) {
        throw StreamException.closed();
      }
      if (declaredLength.isPresent() && pipe.written() + data.length > declaredLength.getAsLong()) {
        IOException tooLong =
            new ErrorCodeException(
                HttpErrors.requestBodySize(pipe.written() + data.length),
                "the body would exceed its content-length " + declaredLength.getAsLong());
        abort(tooLong);
        throw StreamException.failed(tooLong.getMessage(), tooLong);
      }
      try {
        pipe.write(data);
      } catch (IOException e) {
        throw StreamException.failed(e.getMessage(), e);
      }
    }

    /** Nothing to push: the HTTP client takes queued bytes as fast as the connection allows. */
    @Override
    public void flush() throws StreamException {
      checkWrite();
    }

    @Override
    public Pollable pollable() {
      return pipe;
    }
  }
}
