package dev.brio.wasi.filesystem;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * One host file descriptor shared by a {@link Descriptor} and the streams made from it: closed when
 * the last of them lets go, so a stream keeps working after the guest drops its descriptor and a
 * number is never closed while a call still uses it (which could hit a recycled descriptor).
 */
final class OsFd {
  private final int fd;
  private final AtomicInteger refs = new AtomicInteger(1);

  OsFd(int fd) {
    this.fd = fd;
  }

  /** Takes a reference for one call or one stream; fails if the descriptor is already closed. */
  int acquire() throws FsException {
    while (true) {
      int n = refs.get();
      if (n <= 0) {
        throw new FsException(ErrorCode.BAD_DESCRIPTOR, "descriptor already closed");
      }
      if (refs.compareAndSet(n, n + 1)) {
        return fd;
      }
    }
  }

  /** Gives back a reference taken with {@link #acquire} (or the initial one). */
  void release() {
    if (refs.decrementAndGet() == 0) {
      Posix.close(fd);
    }
  }
}
