package dev.brio.component.types;

import java.util.List;

/** {@code tuple<T, ...>}: at least one element. */
public record TupleType(List<ValueType> elements) implements ValueType {
  public TupleType {
    elements = List.copyOf(elements);
    if (elements.isEmpty()) {
      throw new IllegalArgumentException("a tuple needs at least one element");
    }
  }
}
