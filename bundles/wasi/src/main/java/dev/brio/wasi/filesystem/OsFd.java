package dev.brio.wasi.filesystem;

import java.lang.ref.Cleaner;
import java.lang.ref.Reference;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One host file descriptor shared by a {@link Descriptor} and the streams made from it: closed when
 * the last of them lets go, so a stream keeps working after the guest drops its descriptor and a
 * number is never closed while a call still uses it (which could hit a recycled descriptor).
 *
 * <p>The owner's reference is given back once, by {@link #close} or {@link #revoke}. A revoked
 * descriptor refuses every further use with {@code bad-descriptor}, its streams included: that is
 * how a workspace rebinding or a closed instance cuts off what was opened before.
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
  private final AtomicBoolean ownerDone = new AtomicBoolean();
  private final Cleaner.Cleanable closing;
  private volatile String revoked;

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

  /** Takes a reference for one call or one stream; fails if the descriptor is closed or revoked. */
  int acquire() throws FsException {
    checkUsable();
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

  /** Fails with {@code bad-descriptor} once revoked: a stream asks before each use. */
  void checkUsable() throws FsException {
    String why = revoked;
    if (why != null) {
      throw new FsException(ErrorCode.BAD_DESCRIPTOR, "descriptor no longer usable: " + why);
    }
  }

  /** Gives back a reference taken with {@link #acquire}. */
  void release() {
    if (refs.decrementAndGet() == 0) {
      closing.clean(); // runs the close now, and at most once
    }
    // reachable until here, so the collector cannot close the descriptor under a running call
    Reference.reachabilityFence(this);
  }

  /** The owner lets go: the number is closed once no call or stream holds it. Idempotent. */
  void close() {
    if (ownerDone.compareAndSet(false, true)) {
      release();
    }
  }

  /**
   * Refuses every further use ({@code why} says why, in the error) and lets go of the owner's
   * reference. A stream still holding one keeps the number open until it is closed, but cannot use
   * it.
   */
  void revoke(String why) {
    revoked = why;
    close();
  }
}
