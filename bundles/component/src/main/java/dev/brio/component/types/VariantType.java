package dev.brio.component.types;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** {@code variant { case(T), case, ... }}: at least one case. */
public record VariantType(List<Case> cases) implements ValueType {
  /** One case, with or without a payload. */
  public record Case(String name, Optional<ValueType> payload) {
    public Case {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(payload, "payload");
    }
  }

  public VariantType {
    cases = List.copyOf(cases);
    if (cases.isEmpty()) {
      throw new IllegalArgumentException("a variant needs at least one case");
    }
  }

  /** The index of the case with this name, or -1. */
  public int indexOf(String caseName) {
    for (int i = 0; i < cases.size(); i++) {
      if (cases.get(i).name().equals(caseName)) {
        return i;
      }
    }
    return -1;
  }
}
