package dev.brio.component.types;

import java.util.Objects;

/** {@code option<T>}. */
public record OptionType(ValueType payload) implements ValueType {
  public OptionType {
    Objects.requireNonNull(payload, "payload");
  }
}
