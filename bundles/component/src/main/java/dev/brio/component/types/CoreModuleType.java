package dev.brio.component.types;

import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.SequencedMap;

/** The type of a core module: its imports (two-level names, in order) and its exports by name. */
public record CoreModuleType(List<Import> imports, SequencedMap<String, Export> exports)
    implements CoreType {
  /** A core import. */
  public record Import(String module, String name, CoreExternType type) {
    public Import {
      Objects.requireNonNull(module, "module");
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(type, "type");
    }
  }

  /** A core export. */
  public record Export(String name, CoreExternType type) {
    public Export {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(type, "type");
    }
  }

  public CoreModuleType {
    imports = List.copyOf(imports);
    exports = Externs.ordered(exports.values(), Export::name);
  }

  /** A module type from lists (export names must be unique). */
  public static CoreModuleType of(List<Import> imports, Collection<Export> exports) {
    return new CoreModuleType(imports, Externs.ordered(exports, Export::name));
  }

  /** The export with this name. */
  public Optional<Export> exportNamed(String name) {
    return Optional.ofNullable(exports.get(name));
  }
}
