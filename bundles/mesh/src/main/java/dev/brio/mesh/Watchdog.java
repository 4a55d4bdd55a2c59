package dev.brio.mesh;

import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * Deadlines of calls that run on their caller's thread (the fast path): nobody waits on such a call
 * from outside, so at its deadline the watchdog interrupts the thread running it. One platform
 * thread serves every armed deadline; it starts with the first one.
 */
final class Watchdog implements AutoCloseable {
  private ScheduledThreadPoolExecutor timer; // guarded by this

  /** A deadline armed for one thread; {@link #disarm} once the call is over. */
  static final class Guard {
    private final Thread thread;
    private ScheduledFuture<?> firing; // guarded by this
    private boolean fired; // guarded by this
    private boolean over; // guarded by this

    private Guard(Thread thread) {
      this.thread = thread;
    }

    private synchronized void fire() {
      if (!over) {
        fired = true;
        thread.interrupt();
      }
    }

    /**
     * Ends the guard. Under the guard's lock, so an interrupt is either delivered before this
     * returns (and then cleared here: it was meant for the call, not for what the thread does next)
     * or never.
     *
     * @return whether the deadline passed and interrupted the call
     */
    synchronized boolean disarm() {
      over = true;
      if (firing != null) {
        firing.cancel(false);
      }
      if (fired) {
        Thread.interrupted();
      }
      return fired;
    }
  }

  /** Interrupts the current thread at {@code deadlineNanos} (a {@link System#nanoTime} value). */
  Guard arm(long deadlineNanos) {
    Guard guard = new Guard(Thread.currentThread());
    ScheduledFuture<?> firing =
        timer().schedule(guard::fire, deadlineNanos - System.nanoTime(), TimeUnit.NANOSECONDS);
    synchronized (guard) {
      guard.firing = firing;
    }
    return guard;
  }

  private synchronized ScheduledThreadPoolExecutor timer() {
    if (timer == null) {
      timer =
          new ScheduledThreadPoolExecutor(
              1, Thread.ofPlatform().daemon().name("brio-mesh-watchdog").factory());
      // disarmed guards are the common case: drop them from the queue at once
      timer.setRemoveOnCancelPolicy(true);
    }
    return timer;
  }

  @Override
  public synchronized void close() {
    if (timer != null) {
      timer.shutdownNow();
    }
  }
}
