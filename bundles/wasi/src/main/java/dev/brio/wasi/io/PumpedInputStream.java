package dev.brio.wasi.io;

import java.io.IOException;
import java.io.InputStream;
import java.util.Objects;

/**
 * An input stream from a {@link InputStream} that may block (the process's stdin, a pipe). A
 * virtual thread, started at the first read or subscribe, pumps the source into a bounded buffer,
 * so {@code read} never blocks and the pollable knows when bytes or the end arrived. Dropping it
 * stops the pump but leaves the source open.
 */
public final class PumpedInputStream implements HostInputStream, Pollable {
  /** The most bytes buffered ahead of the guest. */
  static final int BUFFER = 64 * 1024;

  private final InputStream source;
  private final ByteChunks chunks = new ByteChunks();
  private boolean end;
  private IOException failure;
  private Thread pump;
  private boolean closed;

  public PumpedInputStream(InputStream source) {
    this.source = Objects.requireNonNull(source, "source");
  }

  @Override
  public synchronized byte[] read(int max) throws StreamException {
    start();
    if (chunks.size() > 0) {
      return take(max);
    }
    if (failure != null) {
      throw StreamException.failed("read failed", failure);
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
    return chunks.size() > 0 || end || failure != null;
  }

  @Override
  public synchronized void block() throws InterruptedException {
    start();
    while (chunks.size() == 0 && !end && failure == null) {
      wait();
    }
  }

  @Override
  public synchronized void close() {
    closed = true;
    if (pump != null) {
      pump.interrupt();
    }
    notifyAll();
  }

  private byte[] take(int max) {
    byte[] out = chunks.take(max);
    notifyAll();
    return out;
  }

  private void start() {
    if (pump == null && !closed) {
      pump = Thread.ofVirtual().name("wasi-input-pump").start(this::pump);
    }
  }

  private void pump() {
    byte[] buf = new byte[8192];
    try {
      while (true) {
        synchronized (this) {
          while (chunks.size() >= BUFFER && !closed) {
            wait();
          }
          if (closed) {
            return;
          }
        }
        int n = source.read(buf);
        synchronized (this) {
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
        failure = e;
        notifyAll();
      }
    } catch (InterruptedException e) {
      // closed
    }
  }
}
