package dev.brio.component.types;

import java.util.List;

/**
 * {@code flags { a, b, ... }}. The model takes any number of flags; the binary validator applies
 * Binary.md's limit of 32 to what a component may declare.
 */
public record FlagsType(List<String> names) implements ValueType {
  public FlagsType {
    names = List.copyOf(names);
    if (names.isEmpty()) {
      throw new IllegalArgumentException("flags need at least one name");
    }
  }

  /** The position of this flag (its bit number), or -1. */
  public int indexOf(String name) {
    return names.indexOf(name);
  }
}
