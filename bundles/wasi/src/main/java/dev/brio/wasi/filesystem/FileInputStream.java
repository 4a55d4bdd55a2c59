package dev.brio.wasi.filesystem;

import dev.brio.wasi.io.HostInputStream;
import dev.brio.wasi.io.IoHost;
import dev.brio.wasi.io.StreamException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * The {@code input-stream} of {@code read-via-stream}: positioned reads from an offset, closed at
 * the end of the file. A failure carries its {@link FsException}, so {@code filesystem-error-code}
 * can name the WASI error.
 */
final class FileInputStream implements HostInputStream {
  private final OsFd fd;
  private final int os;
  private long position;
  private boolean closed;

  /** Takes its own reference on {@code fd}. */
  FileInputStream(OsFd fd, long offset) throws FsException {
    this.fd = fd;
    this.os = fd.acquire();
    this.position = offset;
  }

  @Override
  public byte[] read(int max) throws StreamException {
    if (closed) {
      throw StreamException.closed();
    }
    int want = Math.min(Math.max(max, 0), IoHost.MAX_CHUNK);
    if (want == 0) {
      return new byte[0];
    }
    try (Arena arena = Arena.ofConfined()) {
      fd.checkUsable();
      MemorySegment buf = arena.allocate(want);
      long n = Posix.pread(arena, os, buf, position);
      if (n == 0) {
        throw StreamException.closed();
      }
      position += n;
      return buf.asSlice(0, n).toArray(ValueLayout.JAVA_BYTE);
    } catch (FsException e) {
      throw StreamException.failed(e.getMessage(), e);
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
