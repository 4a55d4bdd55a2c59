package dev.brio.wasi.http;

import dev.brio.wasi.io.HostInputStream;
import dev.brio.wasi.io.Pollable;
import dev.brio.wasi.io.PumpedInputStream;
import dev.brio.wasi.io.StreamException;
import java.io.InputStream;
import java.util.Optional;

/**
 * The host side of {@code incoming-body}: the response body as one input stream, pumped from the
 * connection by a virtual thread so the guest can poll it. Dropping the stream closes the
 * connection's body.
 */
final class IncomingBody implements Dropped {
  private final InputStream source;
  private boolean streamTaken;

  IncomingBody(InputStream source) {
    this.source = source;
  }

  /** The stream ({@code stream}); empty if already taken. */
  synchronized Optional<HostInputStream> takeStream() {
    if (streamTaken) {
      return Optional.empty();
    }
    streamTaken = true;
    return Optional.of(new BodyStream(new PumpedInputStream(source), source));
  }

  @Override
  public synchronized void dropped() {
    if (!streamTaken) {
      IncomingResponse.close(source);
    }
  }

  private record BodyStream(PumpedInputStream pumped, InputStream source)
      implements HostInputStream {
    @Override
    public byte[] read(int max) throws StreamException {
      return pumped.read(max);
    }

    @Override
    public Pollable pollable() {
      return pumped;
    }

    @Override
    public void close() {
      pumped.close();
      IncomingResponse.close(source);
    }
  }
}
