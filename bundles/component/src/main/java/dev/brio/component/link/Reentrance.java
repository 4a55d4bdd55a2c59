package dev.brio.component.link;

import dev.brio.component.abi.Trap;
import java.util.List;
import java.util.function.Supplier;

/**
 * Component Invariant #2 of CanonicalABI.md: an instance is not re-entered while it is running
 * ({@code may_enter_from}, {@code enter_from}, {@code leave_to}). The instance whose core code is
 * running on this thread is the caller of a component-to-component call; host code runs with no
 * current instance.
 */
final class Reentrance {
  private static final ThreadLocal<GuestInstance> CURRENT = new ThreadLocal<>();

  private Reentrance() {}

  /** Runs a lifted function of {@code callee}: traps if the call would re-enter it. */
  static <T> T enter(GuestInstance callee, String function, Supplier<T> call) {
    GuestInstance caller = CURRENT.get();
    List<GuestInstance> entering = callee.enteringSet(caller);
    for (GuestInstance i : entering) {
      Trap.trapIf(!i.mayEnter(), () -> function + ": cannot enter " + i.name() + ": it is running");
    }
    for (GuestInstance i : entering) {
      i.setMayEnter(false);
    }
    CURRENT.set(callee);
    try {
      return call.get();
    } finally {
      CURRENT.set(caller);
      for (GuestInstance i : entering) {
        i.setMayEnter(true);
      }
    }
  }

  /** Runs a call out of {@code caller}'s core code (a lowered import). */
  static <T> T callOut(GuestInstance caller, Supplier<T> call) {
    GuestInstance previous = CURRENT.get();
    CURRENT.set(caller);
    try {
      return call.get();
    } finally {
      CURRENT.set(previous);
    }
  }

  /** Runs host code: it has no current instance, so what it calls is entered from the host. */
  static <T> T host(Supplier<T> call) {
    GuestInstance previous = CURRENT.get();
    CURRENT.remove();
    try {
      return call.get();
    } finally {
      CURRENT.set(previous);
    }
  }
}
