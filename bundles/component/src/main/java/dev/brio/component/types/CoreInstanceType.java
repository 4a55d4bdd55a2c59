package dev.brio.component.types;

import java.util.Collection;
import java.util.Optional;
import java.util.SequencedMap;

/** The type of a core instance: its exports by name. */
public record CoreInstanceType(SequencedMap<String, CoreModuleType.Export> exports) {
  public CoreInstanceType {
    exports = Externs.ordered(exports.values(), CoreModuleType.Export::name);
  }

  /** An instance type from an export list (names must be unique). */
  public static CoreInstanceType of(Collection<CoreModuleType.Export> exports) {
    return new CoreInstanceType(Externs.ordered(exports, CoreModuleType.Export::name));
  }

  /** The export with this name. */
  public Optional<CoreModuleType.Export> exportNamed(String name) {
    return Optional.ofNullable(exports.get(name));
  }
}
