package dev.brio.component.types;

import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.SequencedMap;

/** The type of a component: what it imports and what it exports, by name, in declaration order. */
public record ComponentType(
    SequencedMap<String, NamedExtern> imports, SequencedMap<String, NamedExtern> exports)
    implements DefinedType {

  public ComponentType {
    imports = Externs.ordered(imports.values(), e -> e.name().text());
    exports = Externs.ordered(exports.values(), e -> e.name().text());
  }

  /** A component type from import and export lists (names must be unique in each). */
  public static ComponentType of(Collection<NamedExtern> imports, Collection<NamedExtern> exports) {
    return new ComponentType(
        Externs.ordered(imports, e -> e.name().text()),
        Externs.ordered(exports, e -> e.name().text()));
  }

  /** The import with exactly this name. */
  public Optional<NamedExtern> importNamed(String name) {
    return Optional.ofNullable(imports.get(name));
  }

  /** The export with exactly this name. */
  public Optional<NamedExtern> exportNamed(String name) {
    return Optional.ofNullable(exports.get(name));
  }

  /** The imports in declaration order. */
  public List<NamedExtern> importList() {
    return List.copyOf(imports.values());
  }

  /** The exports in declaration order. */
  public List<NamedExtern> exportList() {
    return List.copyOf(exports.values());
  }
}
