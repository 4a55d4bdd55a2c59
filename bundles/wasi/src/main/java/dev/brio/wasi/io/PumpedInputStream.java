package dev.brio.wasi.io;

import java.io.IOException;
import java.io.InputStream;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * An input stream from a {@link InputStream} that may block (the process's stdin, a pipe, an HTTP
 * response body). A virtual thread, started at the first read or subscribe, pumps the source into a
 * bounded buffer, so {@code read} never blocks and the pollable knows when bytes or the end
 * arrived.
 *
 * <p>A {@link StallLimit} may cap how long the pump waits on the source with nothing buffered (time
 * spent waiting for the guest to make room does not count); a {@link Release} says what dropping
 * the stream, or a stall, does to the source.
 */
public final class PumpedInputStream implements HostInputStream, Pollable {
  /** The most bytes buffered ahead of the guest. */
  static final int BUFFER = 64 * 1024;

  /**
   * The longest the pump may wait on the source for the next bytes with nothing buffered.
   *
   * @param nanos the limit, 0 for none
   * @param failure what a read then reports
   */
  public record StallLimit(long nanos, Supplier<IOException> failure) {
    /** Waits for the source as long as it takes. */
    public static final StallLimit NONE = new StallLimit(0, () -> null);

    public StallLimit {
      Objects.requireNonNull(failure, "failure");
    }
  }

  /** What the stream does with its source when it is dropped or stalls. */
  @FunctionalInterface
  public interface Release {
    /** Leaves the source open (stdin belongs to the process). */
    Release KEEP_OPEN = in -> {};

    void release(InputStream source);
  }

  private final InputStream source;
  private final String name;
  private final StallLimit stall;
  private final Release release;
  private final ByteChunks chunks = new ByteChunks();
  private boolean end;
  private IOException failure;
  private Thread pump;
  private boolean closed;

  /** When the pump started waiting on the source; -1 while it is not waiting. */
  private long waitingSince = -1;

  /**
   * @param source the blocking source
   * @param name what it is, for the pump thread's name and failure messages
   * @param stall how long the pump may wait on the source
   * @param release what to do to the source when the stream is dropped or stalls
   */
  public PumpedInputStream(InputStream source, String name, StallLimit stall, Release release) {
    this.source = Objects.requireNonNull(source, "source");
    this.name = Objects.requireNonNull(name, "name");
    this.stall = Objects.requireNonNull(stall, "stall");
    this.release = Objects.requireNonNull(release, "release");
  }

  @Override
  public synchronized byte[] read(int max) throws StreamException {
    start();
    expire();
    if (chunks.size() > 0) {
      return take(max);
    }
    if (failure != null) {
      throw StreamException.failed("reading the " + name + " failed: " + failure, failure);
    }
    if (end) {
      throw StreamException.closed();
    }
    return new byte[0];
  }

  @Override
  public Pollable pollable() {
    return this;
  }

  @Override
  public synchronized boolean ready() {
    start();
    expire();
    return settled();
  }

  @Override
  public synchronized void block() throws InterruptedException {
    start();
    while (true) {
      expire();
      if (settled()) {
        return;
      }
      if (stall.nanos() > 0 && waitingSince >= 0) {
        long left = waitingSince + stall.nanos() - System.nanoTime();
        TimeUnit.NANOSECONDS.timedWait(this, Math.max(left, 1));
      } else {
        wait();
      }
    }
  }

  @Override
  public void close() {
    synchronized (this) {
      closed = true;
      if (pump != null) {
        pump.interrupt();
      }
      notifyAll();
    }
    release.release(source);
  }

  private boolean settled() {
    return chunks.size() > 0 || end || failure != null;
  }

  /** Fails the stream if the pump has waited on the source longer than the stall limit. */
  private void expire() {
    if (stall.nanos() <= 0
        || waitingSince < 0
        || settled()
        || System.nanoTime() - waitingSince < stall.nanos()) {
      return;
    }
    failure = stall.failure().get();
    notifyAll();
    pump.interrupt(); // stops a read that answers interrupts
    // Releasing may block (closing a connection); never under this stream's lock.
    Thread.ofVirtual().start(() -> release.release(source));
  }

  private byte[] take(int max) {
    byte[] out = chunks.take(max);
    notifyAll();
    return out;
  }

  private void start() {
    if (pump == null && !closed) {
      pump = Thread.ofVirtual().name("wasi-pump-" + name).start(this::pump);
    }
  }

  private void pump() {
    byte[] buf = new byte[16 * 1024];
    try {
      while (true) {
        synchronized (this) {
          while (chunks.size() >= BUFFER && !closed && failure == null) {
            wait();
          }
          if (closed || failure != null) {
            return;
          }
          waitingSince = System.nanoTime();
          notifyAll(); // a reader blocked without a deadline now has one to wait for
        }
        int n = source.read(buf);
        synchronized (this) {
          waitingSince = -1;
          if (failure != null || closed) {
            return; // nobody reads a dropped stream; its last read is discarded
          }
          if (n < 0) {
            end = true;
          } else {
            chunks.add(buf, n);
          }
          notifyAll();
          if (end) {
            return;
          }
        }
      }
    } catch (IOException e) {
      synchronized (this) {
        waitingSince = -1;
        if (failure == null && !closed) {
          failure = e;
        }
        notifyAll();
      }
    } catch (InterruptedException e) {
      // closed
    }
  }
}
