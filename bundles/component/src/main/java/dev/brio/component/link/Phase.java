package dev.brio.component.link;

import dev.brio.component.abi.Trap;
import java.util.function.Supplier;

/** Names the function and the step of a call in the canonical ABI's traps. */
final class Phase {
  private Phase() {}

  static <T> T run(String function, String step, Supplier<T> work) {
    try {
      return work.get();
    } catch (Trap t) {
      throw named(function, step, t);
    }
  }

  /** The trap {@code t}, prefixed with the function and the step it happened in. */
  static Trap named(String function, String step, Trap t) {
    return new Trap(function + ": " + step + ": " + t.getMessage(), t);
  }
}
