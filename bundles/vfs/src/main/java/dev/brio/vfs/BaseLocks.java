package dev.brio.vfs;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Exclusive locks on base directories where a lock on a path also covers everything above and below
 * it: a commit into {@code /p} and a begin (copy) of {@code /p/sub} touch the same files, so they
 * must not run at once, while {@code /p/a} and {@code /p/b} may. Paths are real paths (no symlinks,
 * no {@code ..}), so comparing their components is enough.
 */
final class BaseLocks {
  private final List<Path> held = new ArrayList<>();

  /** A held lock; closing it lets waiting overlapping bases in. */
  interface Held extends AutoCloseable {
    @Override
    void close();
  }

  /**
   * Waits until no overlapping base is held, then holds {@code base}. Like {@link
   * java.util.concurrent.locks.Lock#lock()}, an interrupt does not stop the wait (a commit half
   * taken back is worse than a late one); the thread's interrupt status is kept.
   */
  Held lock(Path base) {
    boolean interrupted = false;
    synchronized (this) {
      while (overlapsHeld(base)) {
        try {
          wait();
        } catch (InterruptedException e) {
          interrupted = true;
        }
      }
      held.add(base);
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
    return () -> release(base);
  }

  private synchronized void release(Path base) {
    held.remove(base);
    notifyAll();
  }

  private boolean overlapsHeld(Path base) {
    for (Path other : held) {
      if (other.startsWith(base) || base.startsWith(other)) {
        return true;
      }
    }
    return false;
  }
}
