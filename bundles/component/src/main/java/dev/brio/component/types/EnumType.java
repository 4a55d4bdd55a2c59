package dev.brio.component.types;

import java.util.List;

/** {@code enum { a, b, ... }}: at least one case. */
public record EnumType(List<String> cases) implements ValueType {
  public EnumType {
    cases = List.copyOf(cases);
    if (cases.isEmpty()) {
      throw new IllegalArgumentException("an enum needs at least one case");
    }
  }
}
