package dev.brio.wasi;

import dev.brio.wasi.io.Pollable;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongSupplier;

/**
 * Ready once the monotonic clock reaches {@code deadline} (both unsigned nanoseconds, as WASI's
 * {@code instant}).
 */
record TimerPollable(LongSupplier clock, long deadline) implements Pollable {
  @Override
  public boolean ready() {
    return Long.compareUnsigned(clock.getAsLong(), deadline) >= 0;
  }

  @Override
  public void block() throws InterruptedException {
    while (!ready()) {
      long left = deadline - clock.getAsLong();
      if (left < 0) {
        // not ready yet, so the unsigned distance is beyond 2^63 ns: centuries, not a spin
        left = Long.MAX_VALUE;
      }
      // a clock that does not follow real time (a test's) is re-read every second at most
      LockSupport.parkNanos(Math.max(1, Math.min(left, 1_000_000_000L)));
      if (Thread.interrupted()) {
        throw new InterruptedException("waiting for a wasi:clocks deadline");
      }
    }
  }

  /** {@code now + duration}, saturating at the largest instant. */
  static long after(long now, long duration) {
    long sum = now + duration;
    return Long.compareUnsigned(sum, now) < 0 ? -1L : sum;
  }
}
