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
      throw new Trap(function + ": " + step + ": " + t.getMessage(), t);
    }
  }
}
