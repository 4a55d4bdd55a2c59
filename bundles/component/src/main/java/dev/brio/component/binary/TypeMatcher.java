package dev.brio.component.binary;

import dev.brio.component.types.BorrowType;
import dev.brio.component.types.ComponentType;
import dev.brio.component.types.CoreModuleType;
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
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Subtyping of extern types (Explainer.md, "Type Checking"): value and function types must be equal
 * (resources by identity), instances may have more exports than required, components are
 * contravariant in their imports. Proven pairs are remembered by identity, so shared subtrees are
 * compared once and the work stays linear.
 *
 * <p>Returns a description of the first difference, or null when {@code actual} is a subtype.
 */
final class TypeMatcher {
  private final Map<Object, Set<Object>> proven = new IdentityHashMap<>();

  String mismatch(ExternType actual, ExternType expected) {
    return switch (expected) {
      case ExternType.Func(FuncType e) when actual instanceof ExternType.Func(FuncType a) ->
          func(a, e);
      case ExternType.Value(ValueType e) when actual instanceof ExternType.Value(ValueType a) ->
          value(a, e) ? null : "value types differ";
      case ExternType.Type(DefinedType e) when actual instanceof ExternType.Type(DefinedType a) ->
          defined(a, e);
      case ExternType.Instance(InstanceType e)
          when actual instanceof ExternType.Instance(InstanceType a) ->
          instance(a, e);
      case ExternType.Component(ComponentType e)
          when actual instanceof ExternType.Component(ComponentType a) ->
          component(a, e);
      case ExternType.CoreModule(CoreModuleType e)
          when actual instanceof ExternType.CoreModule(CoreModuleType a) ->
          coreModule(a, e);
      default -> "expected a " + expected.sortName() + ", found a " + actual.sortName();
    };
  }

  private boolean known(Object a, Object b) {
    return a == b || proven.getOrDefault(a, Set.of()).contains(b);
  }

  private void remember(Object a, Object b) {
    proven
        .computeIfAbsent(a, k -> java.util.Collections.newSetFromMap(new IdentityHashMap<>()))
        .add(b);
  }

  private String func(FuncType a, FuncType e) {
    if (known(a, e)) {
      return null;
    }
    if (a.params().size() != e.params().size()) {
      return "expected " + e.params().size() + " params, found " + a.params().size();
    }
    for (int i = 0; i < a.params().size(); i++) {
      FuncType.Param pa = a.params().get(i);
      FuncType.Param pe = e.params().get(i);
      if (!pa.name().equals(pe.name())) {
        return "param " + i + ": expected name '" + pe.name() + "', found '" + pa.name() + "'";
      }
      if (!value(pa.type(), pe.type())) {
        return "param '" + pe.name() + "': types differ";
      }
    }
    if (a.result().isPresent() != e.result().isPresent()
        || (a.result().isPresent() && !value(a.result().get(), e.result().get()))) {
      return "results differ";
    }
    remember(a, e);
    return null;
  }

  private String defined(DefinedType a, DefinedType e) {
    return switch (e) {
      case ResourceType r -> a == r ? null : "a different resource type";
      case ValueType v -> a instanceof ValueType av && value(av, v) ? null : "value types differ";
      case FuncType f -> a instanceof FuncType af ? func(af, f) : "expected a func type";
      case InstanceType i ->
          a instanceof InstanceType ai ? instance(ai, i) : "expected an instance type";
      case ComponentType c ->
          a instanceof ComponentType ac ? component(ac, c) : "expected a component type";
    };
  }

  private String instance(InstanceType a, InstanceType e) {
    if (known(a, e)) {
      return null;
    }
    for (NamedExtern want : e.exports().values()) {
      NamedExtern have = a.exports().get(want.name().text());
      if (have == null) {
        return "missing export '" + want.name().text() + "'";
      }
      String m = mismatch(have.type(), want.type());
      if (m != null) {
        return "export '" + want.name().text() + "': " + m;
      }
    }
    remember(a, e);
    return null;
  }

  private String component(ComponentType a, ComponentType e) {
    if (known(a, e)) {
      return null;
    }
    for (NamedExtern need : a.imports().values()) {
      NamedExtern given = e.imports().get(need.name().text());
      if (given == null) {
        return "imports '" + need.name().text() + "', which the expected type does not offer";
      }
      String m = mismatch(given.type(), need.type());
      if (m != null) {
        return "import '" + need.name().text() + "': " + m;
      }
    }
    for (NamedExtern want : e.exports().values()) {
      NamedExtern have = a.exports().get(want.name().text());
      if (have == null) {
        return "missing export '" + want.name().text() + "'";
      }
      String m = mismatch(have.type(), want.type());
      if (m != null) {
        return "export '" + want.name().text() + "': " + m;
      }
    }
    remember(a, e);
    return null;
  }

  private static String coreModule(CoreModuleType a, CoreModuleType e) {
    for (var want : e.exports().values()) {
      var have = a.exports().get(want.name());
      if (have == null) {
        return "missing core export '" + want.name() + "'";
      }
      if (Scope.sortOf(have.type()) != Scope.sortOf(want.type())) {
        return "core export '" + want.name() + "': expected a " + want.type().sortName();
      }
    }
    return null;
  }

  /** Value types have no subtyping: structural equality, resources by identity. */
  boolean value(ValueType a, ValueType e) {
    if (known(a, e)) {
      return true;
    }
    boolean same =
        switch (e) {
          case PrimitiveType p -> a == p;
          case ListType l -> a instanceof ListType al && value(al.element(), l.element());
          case OptionType o -> a instanceof OptionType ao && value(ao.payload(), o.payload());
          case OwnType o -> a instanceof OwnType ao && ao.resource() == o.resource();
          case BorrowType b -> a instanceof BorrowType ab && ab.resource() == b.resource();
          case EnumType en -> a instanceof EnumType ae && ae.cases().equals(en.cases());
          case FlagsType f -> a instanceof FlagsType af && af.names().equals(f.names());
          case TupleType t -> a instanceof TupleType at && values(at.elements(), t.elements());
          case ResultType r ->
              a instanceof ResultType ar
                  && optional(ar.ok(), r.ok())
                  && optional(ar.error(), r.error());
          case RecordType r ->
              a instanceof RecordType ar
                  && ar.fields().size() == r.fields().size()
                  && allMatch(
                      ar.fields().size(),
                      i ->
                          ar.fields().get(i).name().equals(r.fields().get(i).name())
                              && value(ar.fields().get(i).type(), r.fields().get(i).type()));
          case VariantType v ->
              a instanceof VariantType av
                  && av.cases().size() == v.cases().size()
                  && allMatch(
                      av.cases().size(),
                      i ->
                          av.cases().get(i).name().equals(v.cases().get(i).name())
                              && optional(av.cases().get(i).payload(), v.cases().get(i).payload()));
        };
    if (same) {
      remember(a, e);
    }
    return same;
  }

  private boolean values(List<ValueType> a, List<ValueType> e) {
    return a.size() == e.size() && allMatch(a.size(), i -> value(a.get(i), e.get(i)));
  }

  private boolean optional(Optional<ValueType> a, Optional<ValueType> e) {
    return a.isPresent() == e.isPresent() && (a.isEmpty() || value(a.get(), e.get()));
  }

  private static boolean allMatch(int n, java.util.function.IntPredicate p) {
    for (int i = 0; i < n; i++) {
      if (!p.test(i)) {
        return false;
      }
    }
    return true;
  }
}
