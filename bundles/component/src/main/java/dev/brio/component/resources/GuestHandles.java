package dev.brio.component.resources;

import dev.brio.component.abi.HandleBridge;
import dev.brio.component.abi.Trap;
import dev.brio.component.types.ResourceType;
import dev.brio.component.values.BorrowValue;
import dev.brio.component.values.OwnValue;
import dev.brio.component.values.Value;

/**
 * Moves handles between one component instance's table and host values during one call. Host values
 * index the store's host table; the call's {@link CallScope} tracks borrows.
 */
public final class GuestHandles implements HandleBridge {
  private final ResourceStore store;
  private final Object instance;
  private final HandleTable table;
  private final CallScope scope;

  /**
   * @param instance the component instance (compared with a type's implementer)
   * @param table its handle table
   */
  public GuestHandles(ResourceStore store, Object instance, HandleTable table, CallScope scope) {
    this.store = store;
    this.instance = instance;
    this.table = table;
    this.scope = scope;
  }

  /** {@code lift_own}. */
  @Override
  public Value liftOwn(int i, ResourceType rt) {
    Handle h = table.remove(i);
    store.checkType(h, rt, scope.function());
    Trap.trapIf(
        h.lends() != 0,
        () -> scope.function() + ": own handle " + i + " is lent out and cannot move");
    Trap.trapIf(!h.isOwn(), () -> scope.function() + ": handle " + i + " is a borrow, not an own");
    return new OwnValue(store.hostTable().add(Handle.own(rt, h.rep())));
  }

  /** {@code lift_borrow}: the host sees a borrow that lives until the call ends. */
  @Override
  public Value liftBorrow(int i, ResourceType rt) {
    Handle h = table.get(i);
    store.checkType(h, rt, scope.function());
    scope.addLender(h);
    int hostIndex = store.hostTable().add(Handle.borrow(rt, h.rep(), scope));
    scope.onExit(() -> store.hostTable().remove(hostIndex));
    return new BorrowValue(hostIndex);
  }

  /** {@code lower_own}: the host's own handle moves into the guest's table. */
  @Override
  public int lowerOwn(Value v, ResourceType rt) {
    if (!(v instanceof OwnValue(int hostIndex))) {
      throw new IllegalArgumentException("expected an own handle, got " + v);
    }
    Handle h = store.hostTable().get(hostIndex);
    store.checkType(h, rt, scope.function());
    Trap.trapIf(
        !h.isOwn(), () -> scope.function() + ": host handle " + hostIndex + " is not owned");
    Trap.trapIf(
        h.lends() != 0, () -> scope.function() + ": host handle " + hostIndex + " is lent out");
    store.hostTable().remove(hostIndex);
    return table.add(Handle.own(rt, h.rep()));
  }

  /** {@code lower_borrow}: the implementer gets the rep itself, others a scoped borrow handle. */
  @Override
  public int lowerBorrow(Value v, ResourceType rt) {
    int hostIndex =
        switch (v) {
          case BorrowValue(int i) -> i;
          case OwnValue(int i) -> i;
          default -> throw new IllegalArgumentException("expected a handle, got " + v);
        };
    Handle h = store.hostTable().get(hostIndex);
    store.checkType(h, rt, scope.function());
    // lift_borrow counts the lend whoever receives it: an own lent out cannot move in the same
    // call, even to the resource's own implementer, who gets only the rep.
    if (h.isOwn()) {
      scope.addLender(h);
    }
    ResourceStore.Implementation impl = store.implementation(rt);
    if (impl != null && impl.implementer() == instance) {
      return h.rep();
    }
    scope.addBorrow();
    return table.add(Handle.borrow(rt, h.rep(), scope));
  }
}
