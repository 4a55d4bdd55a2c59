package dev.brio.component.types;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** A component function type: labelled parameters and at most one result. */
public record FuncType(List<Param> params, Optional<ValueType> result) implements DefinedType {
  /** One labelled parameter. */
  public record Param(String name, ValueType type) {
    public Param {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(type, "type");
    }
  }

  public FuncType {
    params = List.copyOf(params);
    Objects.requireNonNull(result, "result");
  }
}
