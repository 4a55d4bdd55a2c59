package dev.brio.component.values;

import java.util.Objects;
import java.util.Optional;

/** An {@code option<T>}: {@code some(v)} or {@code none}. */
public record OptionValue(Optional<Value> value) implements Value {
  public OptionValue {
    Objects.requireNonNull(value, "value");
  }

  /** {@code some(v)}. */
  public static OptionValue some(Value v) {
    return new OptionValue(Optional.of(v));
  }

  /** {@code none}. */
  public static OptionValue none() {
    return new OptionValue(Optional.empty());
  }
}
