package dev.brio.component.link;

import dev.brio.component.abi.Trap;
import dev.brio.component.resources.HandleTable;
import dev.brio.component.resources.ResourceStore;
import java.util.ArrayList;
import java.util.List;

/**
 * The run-time state of one component instance ({@code ComponentInstance} in CanonicalABI.md): its
 * handle table, its parent, and the {@code may_enter}/{@code may_leave} flags.
 */
final class GuestInstance {
  private final String name;
  private final ResourceStore store;
  private final HandleTable handles;
  private final GuestInstance parent;

  /** This instance and its ancestors, innermost first; fixed at creation. */
  private final List<GuestInstance> selfAndAncestors;

  private boolean mayEnter = true;
  private boolean mayLeave = true;

  /** Held by the root: what runs once the first call into the component returns (null after). */
  private List<Runnable> afterFirstCall;

  GuestInstance(String name, ResourceStore store, GuestInstance parent) {
    this.name = name;
    this.store = store;
    this.handles = new HandleTable(name);
    this.parent = parent;
    List<GuestInstance> chain = new ArrayList<>();
    for (GuestInstance i = this; i != null; i = i.parent) {
      chain.add(i);
    }
    this.selfAndAncestors = List.copyOf(chain);
  }

  /**
   * {@code entering_set(caller)}: this instance and its ancestors, less the caller's own (a child
   * may call back into the parent that wraps it).
   */
  List<GuestInstance> enteringSet(GuestInstance caller) {
    if (caller == null) {
      return selfAndAncestors;
    }
    List<GuestInstance> set = new ArrayList<>(selfAndAncestors);
    set.removeAll(caller.selfAndAncestors);
    return set;
  }

  /**
   * Runs realloc or post-return: meanwhile the instance may not call out or create and drop handles
   * ({@code may_leave} in CanonicalABI.md).
   */
  long[] callWithoutLeaving(CoreFunc f, long[] args, String where) {
    boolean previous = mayLeave;
    mayLeave = false;
    try {
      return Guest.call(f, args, where);
    } finally {
      mayLeave = previous;
    }
  }

  /** {@code trap_if(not inst.may_leave)}. */
  void checkMayLeave(String what) {
    Trap.trapIf(
        !mayLeave, () -> what + ": " + name + " may not leave during realloc or post-return");
  }

  boolean mayEnter() {
    return mayEnter;
  }

  void setMayEnter(boolean mayEnter) {
    this.mayEnter = mayEnter;
  }

  String name() {
    return name;
  }

  /** Runs {@code r} once the first call into this instance's component returns. */
  void afterFirstCall(Runnable r) {
    GuestInstance root = selfAndAncestors.getLast();
    if (root.afterFirstCall == null) {
      root.afterFirstCall = new ArrayList<>();
    }
    root.afterFirstCall.add(r);
  }

  /**
   * Called when a lifted function of this instance returns: if no call is running in the component
   * any more (a child's function may return inside a call into its parent), runs what waits for the
   * first call, once.
   */
  void callReturned() {
    GuestInstance root = selfAndAncestors.getLast();
    List<Runnable> waiting = root.afterFirstCall;
    if (waiting != null && root.mayEnter) {
      root.afterFirstCall = null;
      waiting.forEach(Runnable::run);
    }
  }

  ResourceStore store() {
    return store;
  }

  HandleTable handles() {
    return handles;
  }

  @Override
  public String toString() {
    return name;
  }
}
