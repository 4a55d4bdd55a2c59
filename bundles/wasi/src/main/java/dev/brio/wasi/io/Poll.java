package dev.brio.wasi.io;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/** {@code wasi:io/poll.poll}: waits until at least one of many pollables is ready. */
public final class Poll {
  private Poll() {}

  /**
   * The indices of the pollables ready now; if none is, waits until one is. Waiting on many runs
   * one virtual thread per pollable, each in {@link Pollable#block()}; the first to return wakes
   * the caller and the others are interrupted.
   *
   * @throws IllegalArgumentException if {@code pollables} is empty (the guest would wait forever)
   */
  public static int[] poll(List<? extends Pollable> pollables) throws InterruptedException {
    if (pollables.isEmpty()) {
      throw new IllegalArgumentException("poll: an empty list of pollables would wait forever");
    }
    int[] ready = readyNow(pollables);
    if (ready.length > 0) {
      return ready;
    }
    if (pollables.size() == 1) {
      pollables.getFirst().block();
      return new int[] {0};
    }
    CountDownLatch one = new CountDownLatch(1);
    List<Thread> waiters = new ArrayList<>(pollables.size());
    try {
      for (Pollable p : pollables) {
        waiters.add(
            Thread.ofVirtual()
                .name("wasi-poll")
                .start(
                    () -> {
                      try {
                        p.block();
                        one.countDown();
                      } catch (InterruptedException e) {
                        // another pollable became ready first
                      }
                    }));
      }
      while (true) {
        one.await();
        ready = readyNow(pollables);
        if (ready.length > 0) {
          return ready;
        }
      }
    } finally {
      waiters.forEach(Thread::interrupt);
    }
  }

  private static int[] readyNow(List<? extends Pollable> pollables) {
    int[] ready = new int[pollables.size()];
    int n = 0;
    for (int i = 0; i < pollables.size(); i++) {
      if (pollables.get(i).ready()) {
        ready[n++] = i;
      }
    }
    return Arrays.copyOf(ready, n);
  }
}
