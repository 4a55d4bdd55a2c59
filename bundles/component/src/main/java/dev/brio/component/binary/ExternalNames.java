package dev.brio.component.binary;

import dev.brio.component.types.BorrowType;
import dev.brio.component.types.ComponentType;
import dev.brio.component.types.DefinedType;
import dev.brio.component.types.EnumType;
import dev.brio.component.types.ExternType;
import dev.brio.component.types.FlagsType;
import dev.brio.component.types.FuncType;
import dev.brio.component.types.InstanceType;
import dev.brio.component.types.ListType;
import dev.brio.component.types.NamedExtern;
import dev.brio.component.types.OptionType;
import dev.brio.component.types.OwnType;
import dev.brio.component.types.PrimitiveType;
import dev.brio.component.types.RecordType;
import dev.brio.component.types.ResourceType;
import dev.brio.component.types.ResultType;
import dev.brio.component.types.TupleType;
import dev.brio.component.types.ValueType;
import dev.brio.component.types.VariantType;
import java.util.BitSet;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The external-visibility rule of one component (Explainer.md, "External Visibility of Types"), as
 * wasm-tools validates it: every {@code record}, {@code variant}, {@code enum} and {@code flags}
 * type, and the resource of every {@code own}/{@code borrow}, used in the type of an import or
 * export must be reached through an externally visible name — the new type index that an import or
 * an export of that type introduced. Imports may only use names that imports introduced.
 *
 * <p>Names are type objects, compared by identity: a type import or export gives
 * record/variant/enum/flags a fresh object ({@link #fresh}), so the index passed into an export is
 * not named retroactively. Resources keep their identity (it is their type), so a resource exported
 * here is named per type index, and each {@code own}/{@code borrow} remembers whether it was
 * written against such an index ({@link #handleDefined}).
 */
final class ExternalNames {
  private final Set<Object> imported = identitySet();
  private final Set<Object> exported = identitySet();

  /** Types already found to use only named types, for imports and for exports. */
  private final Set<Object> namedForImport = identitySet();

  private final Set<Object> namedForExport = identitySet();

  /** Type indices introduced by an export of a resource type. */
  private final BitSet exportedResourceIndices = new BitSet();

  private static <T> Set<T> identitySet() {
    return Collections.newSetFromMap(new IdentityHashMap<>());
  }

  /**
   * The type a type import or export introduces at its new index: a record, variant, enum or flags
   * type becomes a structurally equal new object, the name; other types stay as they are.
   */
  static ExternType fresh(ExternType t) {
    if (!(t instanceof ExternType.Type(DefinedType d))) {
      return t;
    }
    DefinedType copy =
        switch (d) {
          case RecordType r -> new RecordType(r.fields());
          case VariantType v -> new VariantType(v.cases());
          case EnumType e -> new EnumType(e.cases());
          case FlagsType f -> new FlagsType(f.names());
          default -> d;
        };
    return copy == d ? t : new ExternType.Type(copy);
  }

  /** An export of a resource type introduced type index {@code index}. */
  void resourceExported(int index) {
    exportedResourceIndices.set(index);
  }

  /** An {@code own} or {@code borrow} type was defined against the resource at {@code index}. */
  void handleDefined(ValueType handle, int index) {
    if (exportedResourceIndices.get(index)) {
      exported.add(handle);
    }
  }

  /**
   * Checks an import's type and records the names it introduces.
   *
   * @return what in the type has no externally visible name, if anything
   */
  Optional<String> imported(ExternType t) {
    return Optional.ofNullable(validateAndRegister(t, true));
  }

  /**
   * Checks an export's type and records the names it introduces.
   *
   * @return what in the type has no externally visible name, if anything
   */
  Optional<String> exported(ExternType t) {
    return Optional.ofNullable(validateAndRegister(t, false));
  }

  private String validateAndRegister(ExternType t, boolean isImport) {
    Set<Object> names = isImport ? imported : exported;
    return switch (t) {
      case ExternType.Type(var d) -> {
        String unnamed = insideDefined(d, names);
        if (unnamed == null && !(d instanceof ResourceType && !isImport)) {
          // an exported resource is named per index (resourceExported), not as an object
          names.add(d);
          if (isImport) {
            exported.add(d);
          }
        }
        yield unnamed;
      }
      case ExternType.Instance(InstanceType i) -> {
        for (NamedExtern e : i.exportList()) {
          String unnamed = validateAndRegisterInInstance(e.type(), isImport);
          if (unnamed != null) {
            yield unnamed;
          }
        }
        yield null;
      }
      case ExternType.Func(FuncType f) -> inFunc(f, names);
      case ExternType.Value(ValueType v) -> named(v, names);
      case ExternType.Component c -> null;
      case ExternType.CoreModule m -> null;
    };
  }

  /** An instance's type exports are named by importing or exporting the instance. */
  private String validateAndRegisterInInstance(ExternType t, boolean isImport) {
    if (t instanceof ExternType.Type(ResourceType r)) {
      (isImport ? imported : exported).add(r);
      if (isImport) {
        exported.add(r);
      }
      return null;
    }
    return validateAndRegister(t, isImport);
  }

  /** {@code all_valtypes_named}: what a type definition refers to must be named. */
  private String insideDefined(DefinedType d, Set<Object> names) {
    return switch (d) {
      case ResourceType r -> null;
      case ComponentType c -> null;
      case FuncType f -> inFunc(f, names);
      case InstanceType i -> {
        for (NamedExtern e : i.exportList()) {
          String unnamed =
              switch (e.type()) {
                case ExternType.Type(var t) -> insideDefined(t, names);
                case ExternType.Func(FuncType f) -> inFunc(f, names);
                case ExternType.Value(ValueType v) -> insideDefined(v, names);
                case ExternType.Instance(InstanceType it) -> insideDefined(it, names);
                default -> null;
              };
          if (unnamed != null) {
            yield unnamed;
          }
        }
        yield null;
      }
      case PrimitiveType p -> null;
      case FlagsType f -> null;
      case EnumType e -> null;
      case RecordType r -> first(r.fields().stream().map(RecordType.Field::type), names);
      case TupleType u -> first(u.elements().stream(), names);
      case VariantType v -> first(v.cases().stream().flatMap(c -> c.payload().stream()), names);
      case ResultType r -> first(Stream.concat(r.ok().stream(), r.error().stream()), names);
      case ListType l -> named(l.element(), names);
      case OptionType o -> named(o.payload(), names);
      case OwnType o -> named(o, names);
      case BorrowType b -> named(b, names);
    };
  }

  private String inFunc(FuncType f, Set<Object> names) {
    return first(
        Stream.concat(f.params().stream().map(FuncType.Param::type), f.result().stream()), names);
  }

  private String first(Stream<ValueType> types, Set<Object> names) {
    return types.map(t -> named(t, names)).filter(s -> s != null).findFirst().orElse(null);
  }

  /**
   * {@code type_named_valtype}: null if named, else a description of the unnamed part. Names only
   * accumulate, so a type found named stays named: remembering those keeps the walk linear in the
   * number of type objects, however often a type occurs in another.
   */
  private String named(ValueType t, Set<Object> names) {
    Set<Object> known = names == imported ? namedForImport : namedForExport;
    if (known.contains(t)) {
      return null;
    }
    String unnamed = namedUncached(t, names);
    if (unnamed == null) {
      known.add(t);
    }
    return unnamed;
  }

  private String namedUncached(ValueType t, Set<Object> names) {
    return switch (t) {
      case PrimitiveType p -> null;
      case RecordType r -> names.contains(r) ? null : "a record type";
      case VariantType v -> names.contains(v) ? null : "a variant type";
      case EnumType e -> names.contains(e) ? null : "an enum type";
      case FlagsType f -> names.contains(f) ? null : "a flags type";
      case TupleType u -> first(u.elements().stream(), names);
      case ListType l -> named(l.element(), names);
      case OptionType o -> named(o.payload(), names);
      case ResultType r -> first(Stream.concat(r.ok().stream(), r.error().stream()), names);
      case OwnType o ->
          names.contains(o) || names.contains(o.resource())
              ? null
              : "a resource type (" + o.resource().hint() + ")";
      case BorrowType b ->
          names.contains(b) || names.contains(b.resource())
              ? null
              : "a resource type (" + b.resource().hint() + ")";
    };
  }
}
