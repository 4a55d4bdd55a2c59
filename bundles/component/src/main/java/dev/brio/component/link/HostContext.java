package dev.brio.component.link;

import dev.brio.component.resources.Handle;
import dev.brio.component.resources.ResourceStore;
import dev.brio.component.values.BorrowValue;
import dev.brio.component.values.OwnValue;
import dev.brio.component.values.Value;

/**
 * What a host function can do with the resources of the instantiation that calls it: create owned
 * handles of host resources and read the representation behind a handle it was given.
 */
public final class HostContext {
  private final ResourceStore store;

  HostContext(ResourceStore store) {
    this.store = store;
  }

  /** A new owned handle of a host resource with this representation. */
  public OwnValue own(HostResource resource, int rep) {
    return new OwnValue(store.hostTable().add(Handle.own(resource.type(), rep)));
  }

  /**
   * Takes over an {@code own} handle the host was given (an argument of a host function, or a
   * result of a guest export): the handle leaves the host's table and the caller now answers for
   * the representation (the destructor is not run). Without this, an own argument passed to a host
   * function would stay in the table until the instance is closed.
   *
   * @return the representation
   * @throws IllegalArgumentException if {@code handle} is not an own handle
   */
  public int take(Value handle) {
    if (!(handle instanceof OwnValue(int index))) {
      throw new IllegalArgumentException("not an own handle: " + handle);
    }
    Handle h = store.hostTable().get(index);
    if (!h.isOwn()) {
      throw new IllegalArgumentException("handle " + index + " is a borrow, not an own");
    }
    store.hostTable().remove(index);
    return h.rep();
  }

  /** The representation behind an own or borrow handle the host holds. */
  public int rep(Value handle) {
    int index =
        switch (handle) {
          case OwnValue(int i) -> i;
          case BorrowValue(int i) -> i;
          default -> throw new IllegalArgumentException("not a handle: " + handle);
        };
    return store.hostTable().get(index).rep();
  }
}
