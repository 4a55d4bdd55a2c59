package dev.brio.wasi.filesystem;

import dev.brio.wasi.io.HostOutputStream;
import dev.brio.wasi.io.IoHost;
import dev.brio.wasi.io.StreamException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * The {@code output-stream} of {@code write-via-stream} (positioned writes from an offset) and
 * {@code append-via-stream} (every write at the end of the file). Writes go straight to the kernel,
 * so {@code flush} has nothing to do and the stream is always ready.
 */
final class FileOutputStream implements HostOutputStream {
  private final OsFd fd;
  private final int os;
  private final boolean append;
  private final Runnable touched;
  private long position;
  private boolean closed;

  /**
   * Takes its own reference on {@code fd}; {@code offset} is ignored when appending; {@code
   * touched} runs after each write (a workspace hears of it).
   */
  FileOutputStream(OsFd fd, long offset, boolean append, Runnable touched) throws FsException {
    this.fd = fd;
    this.os = fd.acquire();
    this.position = offset;
    this.append = append;
    this.touched = touched;
  }

  @Override
  public long checkWrite() throws StreamException {
    if (closed) {
      throw StreamException.closed();
    }
    return IoHost.MAX_CHUNK;
  }

  @Override
  public void write(byte[] bytes) throws StreamException {
    if (closed) {
      throw StreamException.closed();
    }
    try (Arena arena = Arena.ofConfined()) {
      fd.checkUsable();
      MemorySegment all = arena.allocateFrom(ValueLayout.JAVA_BYTE, bytes);
      long done = 0;
      while (done < bytes.length) {
        MemorySegment rest = all.asSlice(done);
        long n = append ? Posix.append(arena, os, rest) : Posix.pwrite(arena, os, rest, position);
        done += n;
        position += n;
      }
      if (bytes.length > 0) {
        touched.run();
      }
    } catch (FsException e) {
      throw StreamException.failed(e.getMessage(), e);
    }
  }

  @Override
  public void flush() throws StreamException {
    if (closed) {
      throw StreamException.closed();
    }
  }

  @Override
  public synchronized void close() {
    if (!closed) {
      closed = true;
      fd.release();
    }
  }
}
