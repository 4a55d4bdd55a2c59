package dev.brio.extender;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * Runs small actions at a call's deadline, on one daemon thread shared by the extender: a timer
 * costs a heap insert and its cancellation a removal, cheap enough to arm around every call.
 */
final class Deadlines implements AutoCloseable {
  /** An armed action. */
  @FunctionalInterface
  interface Timer {
    /** Keeps the action from running, if it has not run yet. */
    void cancel();
  }

  private final ScheduledThreadPoolExecutor executor;

  Deadlines() {
    executor =
        new ScheduledThreadPoolExecutor(
            1,
            runnable -> {
              Thread thread = new Thread(runnable, "brio-extender-deadlines");
              thread.setDaemon(true);
              return thread;
            });
    executor.setRemoveOnCancelPolicy(true); // cancelled timers leave the queue at once
  }

  /** Runs {@code action} at {@code deadline} (at once if it has passed). */
  Timer at(Instant deadline, Runnable action) {
    long delayNanos = Math.max(0, Duration.between(Instant.now(), deadline).toNanos());
    ScheduledFuture<?> future = executor.schedule(action, delayNanos, TimeUnit.NANOSECONDS);
    return () -> future.cancel(false);
  }

  @Override
  public void close() {
    executor.shutdownNow();
  }
}
