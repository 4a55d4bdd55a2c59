package dev.brio.component.types;

import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.SequencedMap;

/** The type of a component instance: its exports by name, in declaration order. */
public record InstanceType(SequencedMap<String, NamedExtern> exports) implements DefinedType {
  public InstanceType {
    exports = Externs.ordered(exports.values(), e -> e.name().text());
  }

  /** An instance type from an export list (names must be unique). */
  public static InstanceType of(Collection<NamedExtern> exports) {
    return new InstanceType(Externs.ordered(exports, e -> e.name().text()));
  }

  /** The export with exactly this name. */
  public Optional<NamedExtern> exportNamed(String name) {
    return Optional.ofNullable(exports.get(name));
  }

  /** The exports in declaration order. */
  public List<NamedExtern> exportList() {
    return List.copyOf(exports.values());
  }
}
