package dev.brio.component.types;

import java.util.Objects;

/** {@code list<T>}. */
public record ListType(ValueType element) implements ValueType {
  public ListType {
    Objects.requireNonNull(element, "element");
  }
}
