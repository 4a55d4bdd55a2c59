package dev.brio.component.values;

import java.util.Objects;
import java.util.Optional;

/** A {@code variant} case with its payload, if the case has one. */
public record VariantValue(String caseName, Optional<Value> payload) implements Value {
  public VariantValue {
    Objects.requireNonNull(caseName, "caseName");
    Objects.requireNonNull(payload, "payload");
  }
}
