package dev.brio.component.values;

import java.util.Objects;
import java.util.Optional;

/** A {@code result<T, E>}: {@code ok} or {@code err}, each with a payload if its type has one. */
public record ResultValue(boolean isOk, Optional<Value> payload) implements Value {
  public ResultValue {
    Objects.requireNonNull(payload, "payload");
  }

  /** {@code ok(v)}. */
  public static ResultValue ok(Value v) {
    return new ResultValue(true, Optional.of(v));
  }

  /** {@code err(v)}. */
  public static ResultValue err(Value v) {
    return new ResultValue(false, Optional.of(v));
  }
}
