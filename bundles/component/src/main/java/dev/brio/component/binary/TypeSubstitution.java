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
import java.util.IdentityHashMap;
import java.util.Map;

/**
 * Replaces resource types in types: when a component is instantiated, each resource it imports is
 * replaced by the resource supplied for it, in the types of its exports (Binary.md, "Instance
 * Definitions": supplied types are substituted for all uses of the import). Results are memoised by
 * identity, so shared subtrees stay shared and the work stays linear.
 */
final class TypeSubstitution {
  private final Map<ResourceType, ResourceType> resources;
  private final Map<Object, Object> done = new IdentityHashMap<>();

  TypeSubstitution(Map<ResourceType, ResourceType> resources) {
    this.resources = resources;
  }

  boolean isEmpty() {
    return resources.isEmpty();
  }

  ExternType apply(ExternType t) {
    return switch (t) {
      case ExternType.Func f -> new ExternType.Func(func(f.type()));
      case ExternType.Value v -> new ExternType.Value(value(v.type()));
      case ExternType.Type d -> new ExternType.Type(defined(d.type()));
      case ExternType.Component c -> new ExternType.Component(component(c.type()));
      case ExternType.Instance i -> new ExternType.Instance(instance(i.type()));
      case ExternType.CoreModule m -> m;
    };
  }

  DefinedType defined(DefinedType t) {
    return switch (t) {
      case ValueType v -> value(v);
      case FuncType f -> func(f);
      case ComponentType c -> component(c);
      case InstanceType i -> instance(i);
      case ResourceType r -> resources.getOrDefault(r, r);
    };
  }

  FuncType func(FuncType f) {
    return memo(
        f,
        () ->
            new FuncType(
                f.params().stream()
                    .map(p -> new FuncType.Param(p.name(), value(p.type())))
                    .toList(),
                f.result().map(this::value)));
  }

  InstanceType instance(InstanceType t) {
    return memo(t, () -> InstanceType.of(t.exports().values().stream().map(this::named).toList()));
  }

  ComponentType component(ComponentType t) {
    return memo(
        t,
        () ->
            ComponentType.of(
                t.imports().values().stream().map(this::named).toList(),
                t.exports().values().stream().map(this::named).toList()));
  }

  private NamedExtern named(NamedExtern e) {
    return new NamedExtern(e.name(), apply(e.type()));
  }

  ValueType value(ValueType t) {
    return switch (t) {
      case PrimitiveType p -> p;
      case EnumType e -> e;
      case FlagsType f -> f;
      case OwnType o -> new OwnType(resources.getOrDefault(o.resource(), o.resource()));
      case BorrowType b -> new BorrowType(resources.getOrDefault(b.resource(), b.resource()));
      case ListType l -> memo(l, () -> new ListType(value(l.element())));
      case OptionType o -> memo(o, () -> new OptionType(value(o.payload())));
      case ResultType r ->
          memo(r, () -> new ResultType(r.ok().map(this::value), r.error().map(this::value)));
      case TupleType u ->
          memo(u, () -> new TupleType(u.elements().stream().map(this::value).toList()));
      case RecordType r ->
          memo(
              r,
              () ->
                  new RecordType(
                      r.fields().stream()
                          .map(f -> new RecordType.Field(f.name(), value(f.type())))
                          .toList()));
      case VariantType v ->
          memo(
              v,
              () ->
                  new VariantType(
                      v.cases().stream()
                          .map(c -> new VariantType.Case(c.name(), c.payload().map(this::value)))
                          .toList()));
    };
  }

  private <T> T memo(T key, java.util.function.Supplier<T> make) {
    @SuppressWarnings("unchecked")
    T cached = (T) done.get(key);
    if (cached == null) {
      cached = make.get();
      done.put(key, cached);
    }
    return cached;
  }
}
