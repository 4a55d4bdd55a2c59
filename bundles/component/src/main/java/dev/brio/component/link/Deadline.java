package dev.brio.component.link;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

/**
 * Runs a call under a deadline by interrupting the calling thread when it passes: Chicory's
 * machines check the interrupt flag while they run and stop with an exception the call turns into a
 * {@link CallInterruptedException}.
 */
final class Deadline {
  private static final ScheduledExecutorService TIMER =
      Executors.newSingleThreadScheduledExecutor(
          r -> {
            Thread t = new Thread(r, "brio-component-deadline");
            t.setDaemon(true);
            return t;
          });

  private Deadline() {}

  static <T> T run(Duration timeout, Supplier<T> call) {
    Thread caller = Thread.currentThread();
    AtomicBoolean fired = new AtomicBoolean();
    ScheduledFuture<?> alarm =
        TIMER.schedule(
            () -> {
              synchronized (fired) {
                if (!fired.get()) {
                  fired.set(true);
                  caller.interrupt();
                }
              }
            },
            timeout.toNanos(),
            TimeUnit.NANOSECONDS);
    try {
      return call.get();
    } finally {
      alarm.cancel(false);
      synchronized (fired) {
        if (fired.get()) {
          // the alarm's interrupt is ours: do not leave it set on the caller's thread
          Thread.interrupted();
        }
        fired.set(true);
      }
    }
  }
}
