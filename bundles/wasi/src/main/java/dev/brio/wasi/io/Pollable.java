package dev.brio.wasi.io;

/**
 * What a guest's {@code pollable} stands for: something that becomes ready once (a stream with
 * bytes or room, a deadline) and then stays ready until the operation it guards is done.
 */
public interface Pollable {
  /** Whether it is ready now; never blocks. */
  boolean ready();

  /**
   * Blocks until {@link #ready()}; must return promptly when the thread is interrupted (that is how
   * {@link Poll#poll} stops the waits it no longer needs).
   */
  void block() throws InterruptedException;

  /** A pollable that is always ready (a file stream, a closed stream). */
  static Pollable alwaysReady() {
    return AlwaysReady.INSTANCE;
  }

  /** The always-ready pollable. */
  enum AlwaysReady implements Pollable {
    INSTANCE;

    @Override
    public boolean ready() {
      return true;
    }

    @Override
    public void block() {}
  }
}
