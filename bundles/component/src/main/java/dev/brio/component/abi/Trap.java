package dev.brio.component.abi;

import java.util.function.Supplier;

/**
 * A trap: the guest or the canonical ABI hit a condition the specification turns into a trap
 * ({@code trap_if} in CanonicalABI.md), or the core code trapped. The component instance that
 * trapped must not be used again; a host error is never reported as a trap.
 */
public final class Trap extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public Trap(String message) {
    super(message);
  }

  public Trap(String message, Throwable cause) {
    super(message, cause);
  }

  /**
   * Throws a trap when the condition holds ({@code trap_if}). The message is built only then: these
   * checks sit on every call's path, and building their text eagerly was a measurable share of a
   * call's cost.
   */
  public static void trapIf(boolean condition, Supplier<String> message) {
    if (condition) {
      throw new Trap(message.get());
    }
  }
}
