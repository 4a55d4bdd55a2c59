package dev.brio.component.resources;

import dev.brio.component.abi.Trap;
import dev.brio.component.types.ResourceType;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The resource state shared by one top-level instantiation: the host's own handle table (host
 * values {@code own}/{@code borrow} index it), which component instance implements each resource
 * type ({@code rt.impl}) with its destructor ({@code rt.dtor}), and the binding of types imported
 * abstractly ({@code sub resource}) to the types supplied for them.
 */
public final class ResourceStore {
  /** Who implements a resource type, and its destructor (may be null). */
  public record Implementation(Object implementer, Destructor destructor) {
    public Implementation {
      Objects.requireNonNull(implementer, "implementer");
    }
  }

  /** A resource destructor, called with the resource's representation. */
  @FunctionalInterface
  public interface Destructor {
    void destroy(int rep);
  }

  private final HostHandleTable hostTable = new HostHandleTable();
  private final Map<ResourceType, ResourceType> bindings = new IdentityHashMap<>();
  private final Map<ResourceType, Implementation> implementations = new IdentityHashMap<>();

  /** The host's handle table. */
  public HostHandleTable hostTable() {
    return hostTable;
  }

  /** Binds an abstract type (an import or ascribed export) to the type supplied for it. */
  public void bind(ResourceType abstractType, ResourceType actual) {
    ResourceType target = canonical(actual);
    if (target != abstractType) {
      bindings.put(abstractType, target);
    }
  }

  /** The type an abstract resource type stands for, following bindings. */
  public ResourceType canonical(ResourceType t) {
    ResourceType r = t;
    for (int i = 0; i < 1000 && bindings.containsKey(r); i++) {
      r = bindings.get(r);
    }
    return r;
  }

  /** Whether two resource types are the same type at run time. */
  public boolean same(ResourceType a, ResourceType b) {
    return canonical(a) == canonical(b);
  }

  /** Records the implementer of a defined resource type. */
  public void implement(ResourceType t, Object implementer, Destructor destructor) {
    implementations.put(canonical(t), new Implementation(implementer, destructor));
  }

  /** The implementation of a type, or null when none is known. */
  public Implementation implementation(ResourceType t) {
    return implementations.get(canonical(t));
  }

  /** Traps unless the handle has the expected type. */
  public void checkType(Handle h, ResourceType expected, String where) {
    Trap.trapIf(
        !same(h.type(), expected),
        () ->
            where
                + ": handle of type "
                + h.type().hint()
                + " where "
                + expected.hint()
                + " expected");
  }

  /**
   * Drops an owned handle taken out of a table ({@code canon resource.drop} for an own): traps if
   * borrows of it are still lent out, then calls the destructor.
   */
  public void destroy(Handle h, String where) {
    Trap.trapIf(
        h.lends() != 0,
        () ->
            where
                + ": a "
                + h.type().hint()
                + " handle dropped while "
                + h.lends()
                + " borrow(s) of it are out");
    Implementation impl = implementation(h.type());
    if (impl != null && impl.destructor() != null) {
      impl.destructor().destroy(h.rep());
    }
  }
}
