package dev.brio.component.types;

import java.util.Objects;

/** An import or export: its name and its type. */
public record NamedExtern(ExternName name, ExternType type) {
  public NamedExtern {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(type, "type");
  }
}
