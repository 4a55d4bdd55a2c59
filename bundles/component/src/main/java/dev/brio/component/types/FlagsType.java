package dev.brio.component.types;

import java.util.List;

/**
 * {@code flags { a, b, ... }}: 1 to {@value #MAX_FLAGS} labels, the limit Binary.md and
 * CanonicalABI.md set (docs/spec-decisions.md). Host code is held to it too, so no type the engine
 * plans can need more than one {@code i32}.
 */
public record FlagsType(List<String> names) implements ValueType {
  /** The most labels a {@code flags} type may have. */
  public static final int MAX_FLAGS = 32;

  public FlagsType {
    names = List.copyOf(names);
    if (names.isEmpty()) {
      throw new IllegalArgumentException("flags need at least one name");
    }
    if (names.size() > MAX_FLAGS) {
      throw new IllegalArgumentException(
          "flags with " + names.size() + " names: at most " + MAX_FLAGS + " allowed");
    }
  }

  /** The position of this flag (its bit number), or -1. */
  public int indexOf(String name) {
    return names.indexOf(name);
  }
}
