package dev.brio.component.resources;

import dev.brio.component.abi.Trap;
import java.util.ArrayList;
import java.util.List;

/**
 * The borrow bookkeeping of one call ({@code Task}/{@code Subtask} borrow scope in
 * CanonicalABI.md): borrows lowered into the callee ({@code num_borrows}), which must all be
 * dropped before the call returns, and handles lent out by the caller ({@code add_lender}), which
 * are released when the call ends.
 */
public final class CallScope {
  private final String function;
  private int borrows;
  private final List<Handle> lenders = new ArrayList<>();
  private final List<Runnable> cleanups = new ArrayList<>();

  public CallScope(String function) {
    this.function = function;
  }

  /** A borrow handle was lowered into the callee in this scope. */
  public void addBorrow() {
    borrows++;
  }

  /** A borrow handle of this scope was dropped ({@code canon resource.drop} of a borrow). */
  public void dropBorrow() {
    borrows--;
  }

  /** {@code add_lender}: {@code h} stays alive until the call ends. */
  public void addLender(Handle h) {
    h.lend();
    lenders.add(h);
  }

  /** Runs {@code cleanup} when the call ends (temporary host borrows). */
  public void onExit(Runnable cleanup) {
    cleanups.add(cleanup);
  }

  /** Releases the lenders; traps if the callee still holds borrows ({@code num_borrows > 0}). */
  public void exit() {
    abandon();
    Trap.trapIf(
        borrows > 0,
        () -> function + ": " + borrows + " borrow handle(s) still remain at the end of the call");
  }

  /**
   * Ends a call that failed (a trap or a host error): releases lenders and temporary host handles
   * without the borrow check, so the caller's handles are not left lent out forever.
   */
  public void abandon() {
    for (Handle h : lenders) {
      h.unlend();
    }
    lenders.clear();
    for (Runnable r : cleanups) {
      r.run();
    }
    cleanups.clear();
  }

  public String function() {
    return function;
  }
}
