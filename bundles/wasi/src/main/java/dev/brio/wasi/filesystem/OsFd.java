package dev.brio.wasi.filesystem;

import java.lang.ref.Cleaner;
import java.lang.ref.Reference;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One host file descriptor shared by a {@link Descriptor} and the streams made from it: closed when
 * the last of them lets go, so a stream keeps working after the guest drops its descriptor and a
 * number is never closed while a call still uses it (which could hit a recycled descriptor).
 */
final class OsFd {
  /**
   * Closes the descriptors nobody released: a guest need not drop what it opened (wasi-libc never
   * drops its preopens), so when an instance and its resource table are gone, the collector's
   * notice closes their descriptors instead of leaking them until the process ends.
   */
  private static final Cleaner ABANDONED = Cleaner.create();

  private final int fd;
  private final AtomicInteger refs = new AtomicInteger(1);
  private final Cleaner.Cleanable closing;

  OsFd(int fd) {
    this.fd = fd;
    this.closing = ABANDONED.register(this, new Close(fd));
  }

  /** The close, held apart from the {@link OsFd} so that it does not keep it reachable. */
  private record Close(int fd) implements Runnable {
    @Override
    public void run() {
      Posix.close(fd);
    }
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
      closing.clean(); // runs the close now, and at most once
    }
    // reachable until here, so the collector cannot close the descriptor under a running call
    Reference.reachabilityFence(this);
  }
}
