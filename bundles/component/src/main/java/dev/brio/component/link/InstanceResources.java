package dev.brio.component.link;

import dev.brio.component.types.BorrowType;
import dev.brio.component.types.ExternType;
import dev.brio.component.types.FuncType;
import dev.brio.component.types.InstanceType;
import dev.brio.component.types.ListType;
import dev.brio.component.types.NamedExtern;
import dev.brio.component.types.OptionType;
import dev.brio.component.types.OwnType;
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
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The resource types of one component instance. The parser builds a component's types once, but
 * resource types are generative: each instantiation of a component gives every resource type it
 * defines a new type, and binds every abstract one (an import, or an export of an instance it made)
 * to the type actually supplied. This maps the parsed types to this instance's types, and rewrites
 * the function types it lifts in them, so that at run time a handle's type check tells two
 * instances of one component apart and each type's destructor is its own instance's.
 */
final class InstanceResources {
  /** The instance the component was defined in (its outer aliases resolve there), or null. */
  private final InstanceResources outer;

  private final Map<ResourceType, ResourceType> types = new IdentityHashMap<>();
  private final Map<Object, Object> rewritten = new IdentityHashMap<>();

  InstanceResources(InstanceResources outer) {
    this.outer = outer;
  }

  /** The parsed type {@code declared} is {@code actual} in this instance. */
  void bind(ResourceType declared, ResourceType actual) {
    if (declared != actual) {
      types.put(declared, actual);
    }
  }

  /**
   * Binds the resource types an instance's type declares (its type exports, and those of the
   * instances it exports) to the types the live instance holds under the same names.
   */
  void bindExports(InstanceType declared, Map<?, ?> actual) {
    for (NamedExtern e : declared.exportList()) {
      Object value = actual.get(e.name().text());
      switch (e.type()) {
        case ExternType.Type(ResourceType rt) when value instanceof ResourceType a -> bind(rt, a);
        case ExternType.Instance(InstanceType it) when value instanceof Map<?, ?> m ->
            bindExports(it, m);
        default -> {}
      }
    }
  }

  /** The type a parsed resource type is in this instance. */
  ResourceType resolve(ResourceType t) {
    for (InstanceResources r = this; r != null; r = r.outer) {
      ResourceType actual = r.types.get(t);
      if (actual != null) {
        return actual;
      }
    }
    return t;
  }

  /** A function type in this instance's resource types (the same object when none changes). */
  FuncType rewrite(FuncType f) {
    return memo(
        f,
        () -> {
          List<FuncType.Param> params =
              f.params().stream()
                  .map(p -> new FuncType.Param(p.name(), rewrite(p.type())))
                  .toList();
          Optional<ValueType> result = f.result().map(this::rewrite);
          boolean same = same(result, f.result()) && same(params, f.params(), FuncType.Param::type);
          return same ? f : new FuncType(params, result);
        });
  }

  private ValueType rewrite(ValueType t) {
    return switch (t) {
      case OwnType(ResourceType r) -> resolve(r) == r ? t : new OwnType(resolve(r));
      case BorrowType(ResourceType r) -> resolve(r) == r ? t : new BorrowType(resolve(r));
      case ListType l ->
          memo(
              l,
              () -> {
                ValueType e = rewrite(l.element());
                return e == l.element() ? l : new ListType(e);
              });
      case OptionType o ->
          memo(
              o,
              () -> {
                ValueType p = rewrite(o.payload());
                return p == o.payload() ? o : new OptionType(p);
              });
      case ResultType r ->
          memo(
              r,
              () -> {
                Optional<ValueType> ok = r.ok().map(this::rewrite);
                Optional<ValueType> error = r.error().map(this::rewrite);
                return same(ok, r.ok()) && same(error, r.error()) ? r : new ResultType(ok, error);
              });
      case TupleType u ->
          memo(
              u,
              () -> {
                List<ValueType> elements = u.elements().stream().map(this::rewrite).toList();
                return same(elements, u.elements(), x -> x) ? u : new TupleType(elements);
              });
      case RecordType r ->
          memo(
              r,
              () -> {
                List<RecordType.Field> fields =
                    r.fields().stream()
                        .map(f -> new RecordType.Field(f.name(), rewrite(f.type())))
                        .toList();
                return same(fields, r.fields(), RecordType.Field::type)
                    ? r
                    : new RecordType(fields);
              });
      case VariantType v ->
          memo(
              v,
              () -> {
                List<VariantType.Case> cases =
                    v.cases().stream()
                        .map(c -> new VariantType.Case(c.name(), c.payload().map(this::rewrite)))
                        .toList();
                return same(cases, v.cases(), c -> c.payload().orElse(null))
                    ? v
                    : new VariantType(cases);
              });
      default -> t;
    };
  }

  /** Whether rewriting left a part as it was (compared by identity: structure may be large). */
  private static boolean same(Optional<ValueType> rewritten, Optional<ValueType> original) {
    return rewritten.orElse(null) == original.orElse(null);
  }

  private static <E> boolean same(List<E> rewritten, List<E> original, Function<E, Object> part) {
    for (int i = 0; i < original.size(); i++) {
      if (part.apply(rewritten.get(i)) != part.apply(original.get(i))) {
        return false;
      }
    }
    return true;
  }

  private <T> T memo(T key, Supplier<T> make) {
    @SuppressWarnings("unchecked")
    T cached = (T) rewritten.get(key);
    if (cached == null) {
      cached = make.get();
      rewritten.put(key, cached);
    }
    return cached;
  }
}
