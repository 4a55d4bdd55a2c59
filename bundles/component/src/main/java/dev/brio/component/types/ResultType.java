package dev.brio.component.types;

import java.util.Objects;
import java.util.Optional;

/** {@code result<T, E>}, where either side may have no payload. */
public record ResultType(Optional<ValueType> ok, Optional<ValueType> error) implements ValueType {
  public ResultType {
    Objects.requireNonNull(ok, "ok");
    Objects.requireNonNull(error, "error");
  }
}
