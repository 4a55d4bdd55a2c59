package dev.brio.component.types;

import java.util.Objects;

/** {@code own<R>}: an owned handle to a resource. */
public record OwnType(ResourceType resource) implements ValueType {
  public OwnType {
    Objects.requireNonNull(resource, "resource");
  }
}
