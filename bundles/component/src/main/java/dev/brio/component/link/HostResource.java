package dev.brio.component.link;

import dev.brio.component.resources.ResourceStore;
import dev.brio.component.types.BorrowType;
import dev.brio.component.types.OwnType;
import dev.brio.component.types.ResourceType;
import java.util.Objects;

/**
 * A resource type the host implements, defined in a {@link Linker} under an interface and name;
 * components importing that type get this one. Its representation is an {@code i32} the host
 * chooses; the destructor runs when the last owner drops a handle.
 */
public final class HostResource {
  private final String iface;
  private final String name;
  private final ResourceType type;
  private final ResourceStore.Destructor destructor;

  HostResource(String iface, String name, ResourceStore.Destructor destructor) {
    this.iface = iface;
    this.name = name;
    this.type = ResourceType.fresh(name);
    this.destructor = Objects.requireNonNull(destructor, "destructor");
  }

  public String iface() {
    return iface;
  }

  public String name() {
    return name;
  }

  /** The resource type, to write host function types with. */
  public ResourceType type() {
    return type;
  }

  /** {@code own<this>}. */
  public OwnType own() {
    return new OwnType(type);
  }

  /** {@code borrow<this>}. */
  public BorrowType borrow() {
    return new BorrowType(type);
  }

  ResourceStore.Destructor destructor() {
    return destructor;
  }
}
