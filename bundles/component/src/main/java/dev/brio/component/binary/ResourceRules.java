package dev.brio.component.binary;

import dev.brio.component.types.BorrowType;
import dev.brio.component.types.ComponentType;
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
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The resource rules of one component (Binary.md): every resource an export's type uses must be
 * named by an import or export before it (or by the export itself), and {@code resource.new}/
 * {@code resource.rep} only take resources the component defines. Walks remember what they have
 * seen by identity: the set of named resources only grows, so a type found fine stays fine, and
 * each type object is walked once.
 */
final class ResourceRules {
  private final Set<ResourceType> defined = identitySet();
  private final Set<ResourceType> named = identitySet();
  private final Set<Object> collected = identitySet();
  private final Set<Object> verified = identitySet();
  private final Map<Object, Boolean> refers = new IdentityHashMap<>();

  private static <T> Set<T> identitySet() {
    return Collections.newSetFromMap(new IdentityHashMap<>());
  }

  void define(ResourceType r) {
    defined.add(r);
  }

  boolean isDefinedHere(ResourceType r) {
    return defined.contains(r);
  }

  /** Records the resources an import or export names (type exports anywhere inside it). */
  void name(ExternType t) {
    switch (t) {
      case ExternType.Type(ResourceType r) -> named.add(r);
      case ExternType.Instance(InstanceType i) -> {
        if (collected.add(i)) {
          i.exports().values().forEach(e -> name(e.type()));
        }
      }
      case ExternType.Component(ComponentType c) -> {
        if (collected.add(c)) {
          c.imports().values().forEach(e -> name(e.type()));
          c.exports().values().forEach(e -> name(e.type()));
        }
      }
      default -> {}
    }
  }

  /** A resource the type uses that no import or export named, if any. */
  Optional<ResourceType> unnamed(ExternType t) {
    return Optional.ofNullable(
        switch (t) {
          case ExternType.Func(FuncType f) -> unnamed(f);
          case ExternType.Value(ValueType v) -> unnamed(v);
          case ExternType.Type(ResourceType r) -> named.contains(r) ? null : r;
          case ExternType.Type(var d) -> unnamed(d);
          case ExternType.Instance(InstanceType i) -> unnamed(i);
          case ExternType.Component(ComponentType c) -> unnamed(c);
          case ExternType.CoreModule m -> null;
        });
  }

  private ResourceType unnamed(Object t) {
    if (verified.contains(t)) {
      return null;
    }
    ResourceType found =
        switch (t) {
          case ResourceType r -> named.contains(r) ? null : r;
          case OwnType o -> named.contains(o.resource()) ? null : o.resource();
          case BorrowType b -> named.contains(b.resource()) ? null : b.resource();
          case FuncType f ->
              first(
                  Stream.concat(
                      f.params().stream().map(FuncType.Param::type), f.result().stream()));
          case InstanceType i -> first(i.exports().values().stream());
          case ComponentType c ->
              first(Stream.concat(c.imports().values().stream(), c.exports().values().stream()));
          case NamedExtern e -> unnamed(e.type()).orElse(null);
          case ValueType v -> first(children(v));
          default -> null;
        };
    if (found == null) {
      verified.add(t);
    }
    return found;
  }

  private ResourceType first(Stream<?> parts) {
    return parts.map(this::unnamed).filter(r -> r != null).findFirst().orElse(null);
  }

  /** Whether a type refers to a resource type anywhere in it. */
  boolean refersToResource(Object t) {
    Boolean known = refers.get(t);
    if (known != null) {
      return known;
    }
    boolean result =
        switch (t) {
          case ResourceType r -> true;
          case OwnType o -> true;
          case BorrowType b -> true;
          case FuncType f ->
              Stream.concat(f.params().stream().map(FuncType.Param::type), f.result().stream())
                  .anyMatch(this::refersToResource);
          case InstanceType i ->
              i.exports().values().stream().anyMatch(e -> refersToResource(e.type()));
          case ComponentType c ->
              Stream.concat(c.imports().values().stream(), c.exports().values().stream())
                  .anyMatch(e -> refersToResource(e.type()));
          case ExternType.Func(FuncType f) -> refersToResource(f);
          case ExternType.Value(ValueType v) -> refersToResource(v);
          case ExternType.Type(var d) -> refersToResource(d);
          case ExternType.Instance(InstanceType i) -> refersToResource(i);
          case ExternType.Component(ComponentType c) -> refersToResource(c);
          case ValueType v -> children(v).anyMatch(this::refersToResource);
          default -> false;
        };
    refers.put(t, result);
    return result;
  }

  private static Stream<ValueType> children(ValueType t) {
    return switch (t) {
      case ListType l -> Stream.of(l.element());
      case RecordType r -> r.fields().stream().map(RecordType.Field::type);
      case TupleType u -> u.elements().stream();
      case VariantType v -> v.cases().stream().flatMap(c -> c.payload().stream());
      case OptionType o -> Stream.of(o.payload());
      case ResultType r -> Stream.concat(r.ok().stream(), r.error().stream());
      case PrimitiveType p -> Stream.empty();
      case EnumType e -> Stream.empty();
      case FlagsType f -> Stream.empty();
      case OwnType o -> Stream.empty();
      case BorrowType b -> Stream.empty();
    };
  }
}
