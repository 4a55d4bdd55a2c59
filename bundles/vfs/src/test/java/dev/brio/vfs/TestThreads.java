package dev.brio.vfs;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/** For tests that pause a commit on one thread while another acts: waits and checked calls. */
final class TestThreads {
  private TestThreads() {}

  /** Waits for {@code latch} at most 30 s; an interrupt ends the wait and stays set. */
  static void awaitQuietly(CountDownLatch latch) {
    try {
      latch.await(30, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Something a thread runs that may throw. */
  interface Action<T> {
    T run() throws Exception;
  }

  /** Runs {@code action}, its checked exception wrapped. */
  static <T> T uncheck(Action<T> action) {
    try {
      return action.run();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
