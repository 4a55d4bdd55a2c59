package dev.brio.wasi.http;

import dev.brio.wasi.io.ByteChunks;
import dev.brio.wasi.io.HostInputStream;
import dev.brio.wasi.io.Pollable;
import dev.brio.wasi.io.StreamException;
import java.io.IOException;
import java.io.InputStream;
import java.util.concurrent.TimeUnit;

/**
 * A response body as the guest's {@code input-stream}: a virtual thread pumps the connection's body
 * into a bounded buffer, so reads never block and the pollable knows when bytes arrive.
 *
 * <p>It enforces {@code between-bytes-timeout}: once the pump has waited on the connection longer
 * than that with nothing buffered, the stream fails with {@code connection-read-timeout} and the
 * connection is closed. Time the pump spends waiting for the guest to make room does not count.
 * Dropping the stream closes the connection's body.
 */
final class ResponseBodyStream implements HostInputStream, Pollable {
  /** The most bytes buffered ahead of the guest. */
  static final int BUFFER = 64 * 1024;

  private final InputStream source;
  private final long betweenBytesNanos;
  private final ByteChunks chunks = new ByteChunks();
  private boolean end;
  private IOException failure;
  private Thread pump;
  private boolean closed;

  /** When the pump started waiting on the connection; -1 while it is not waiting. */
  private long waitingSince = -1;

  /**
   * @param betweenBytesNanos the longest wait for the next bytes, 0 for no limit
   */
  ResponseBodyStream(InputStream source, long betweenBytesNanos) {
    this.source = source;
    this.betweenBytesNanos = betweenBytesNanos;
  }

  @Override
  public synchronized byte[] read(int max) throws StreamException {
    start();
    expire();
    if (chunks.size() > 0) {
      return take(max);
    }
    if (failure != null) {
      throw StreamException.failed("reading the response body failed: " + failure, failure);
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
    return chunks.size() > 0 || end || failure != null;
  }

  @Override
  public synchronized void block() throws InterruptedException {
    start();
    while (true) {
      expire();
      if (chunks.size() > 0 || end || failure != null) {
        return;
      }
      if (betweenBytesNanos > 0 && waitingSince >= 0) {
        long left = waitingSince + betweenBytesNanos - System.nanoTime();
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
    IncomingResponse.close(source);
  }

  /** Fails the stream if the pump has waited on the connection longer than the limit. */
  private void expire() {
    if (betweenBytesNanos <= 0
        || waitingSince < 0
        || chunks.size() > 0
        || end
        || failure != null
        || System.nanoTime() - waitingSince < betweenBytesNanos) {
      return;
    }
    failure =
        new ErrorCodeException(
            HttpErrors.code("connection-read-timeout"),
            "no response body bytes for longer than the between-bytes-timeout of "
                + TimeUnit.NANOSECONDS.toMillis(betweenBytesNanos)
                + " ms");
    notifyAll();
    // stops the pump's read; closing the body makes java.net.http drop the connection
    pump.interrupt();
    Thread.ofVirtual().start(() -> IncomingResponse.close(source));
  }

  private byte[] take(int max) {
    byte[] out = chunks.take(max);
    notifyAll();
    return out;
  }

  private void start() {
    if (pump == null && !closed) {
      pump = Thread.ofVirtual().name("wasi-http-response-body").start(this::pump);
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
          if (failure != null) {
            return;
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
