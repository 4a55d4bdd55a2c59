package dev.brio.wasi.io;

import java.io.IOException;
import java.io.OutputStream;
import java.util.Objects;

/**
 * An output stream into a {@link OutputStream} (the process's stdout, a captured buffer): writes go
 * straight through, so it is always ready. Dropping it flushes the sink but leaves it open (several
 * guest streams may share one sink, e.g. {@code get-stdout} called twice).
 */
public final class SinkOutputStream implements HostOutputStream {
  /** How many bytes {@link #checkWrite()} allows at a time. */
  public static final int WRITE_BUDGET = 64 * 1024;

  private final OutputStream sink;
  private StreamException failure;

  public SinkOutputStream(OutputStream sink) {
    this.sink = Objects.requireNonNull(sink, "sink");
  }

  @Override
  public synchronized long checkWrite() throws StreamException {
    check();
    return WRITE_BUDGET;
  }

  @Override
  public synchronized void write(byte[] bytes) throws StreamException {
    check();
    try {
      sink.write(bytes);
    } catch (IOException e) {
      throw fail("write failed", e);
    }
  }

  @Override
  public synchronized void flush() throws StreamException {
    check();
    try {
      sink.flush();
    } catch (IOException e) {
      throw fail("flush failed", e);
    }
  }

  @Override
  public synchronized void blockingFlush() throws StreamException {
    flush();
  }

  @Override
  public synchronized void close() {
    try {
      sink.flush();
    } catch (IOException e) {
      // the guest let go of the stream; nobody is left to tell
    }
  }

  private void check() throws StreamException {
    if (failure != null) {
      // a failed sink stays failed: the guest sees closed after the first error
      throw StreamException.closed();
    }
  }

  private StreamException fail(String what, IOException e) {
    failure = StreamException.failed(what, e);
    return failure;
  }
}
