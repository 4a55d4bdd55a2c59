package dev.brio.component.types;

import java.util.List;
import java.util.Objects;

/** {@code record { name: T, ... }}: at least one field, labels unique. */
public record RecordType(List<Field> fields) implements ValueType {
  /** One labelled field. */
  public record Field(String name, ValueType type) {
    public Field {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(type, "type");
    }
  }

  public RecordType {
    fields = List.copyOf(fields);
    if (fields.isEmpty()) {
      throw new IllegalArgumentException("a record needs at least one field");
    }
  }
}
