package dev.brio.component.values;

import java.util.List;

/** A {@code tuple<...>}. */
public record TupleValue(List<Value> elements) implements Value {
  public TupleValue {
    elements = List.copyOf(elements);
  }
}
