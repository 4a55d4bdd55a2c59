package dev.brio.component.values;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** A {@code record} value: its fields in the type's order. */
public record RecordValue(List<Field> fields) implements Value {
  /** One field. */
  public record Field(String name, Value value) {
    public Field {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(value, "value");
    }
  }

  public RecordValue {
    fields = List.copyOf(fields);
  }

  /** The value of the field with this name. */
  public Optional<Value> field(String name) {
    return fields.stream().filter(f -> f.name().equals(name)).map(Field::value).findFirst();
  }
}
