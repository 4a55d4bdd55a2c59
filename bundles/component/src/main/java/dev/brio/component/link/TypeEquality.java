package dev.brio.component.link;

import dev.brio.component.resources.ResourceStore;
import dev.brio.component.types.BorrowType;
import dev.brio.component.types.FuncType;
import dev.brio.component.types.ListType;
import dev.brio.component.types.OptionType;
import dev.brio.component.types.OwnType;
import dev.brio.component.types.RecordType;
import dev.brio.component.types.ResultType;
import dev.brio.component.types.TupleType;
import dev.brio.component.types.ValueType;
import dev.brio.component.types.VariantType;
import java.util.List;
import java.util.Optional;

/**
 * Whether a host function's type is the type a component imports, with resource types compared
 * after the instantiation's bindings (an imported {@code sub resource} is the host's type).
 */
final class TypeEquality {
  private TypeEquality() {}

  static boolean equal(FuncType a, FuncType b, ResourceStore store) {
    if (a.params().size() != b.params().size()) {
      return false;
    }
    for (int i = 0; i < a.params().size(); i++) {
      if (!a.params().get(i).name().equals(b.params().get(i).name())
          || !equal(a.params().get(i).type(), b.params().get(i).type(), store)) {
        return false;
      }
    }
    return optional(a.result(), b.result(), store);
  }

  static boolean equal(ValueType a, ValueType b, ResourceStore store) {
    return switch (a) {
      case OwnType(var ra) -> b instanceof OwnType(var rb) && store.same(ra, rb);
      case BorrowType(var ra) -> b instanceof BorrowType(var rb) && store.same(ra, rb);
      case ListType(var ea) -> b instanceof ListType(var eb) && equal(ea, eb, store);
      case OptionType(var pa) -> b instanceof OptionType(var pb) && equal(pa, pb, store);
      case ResultType(var oa, var ea) ->
          b instanceof ResultType(var ob, var eb)
              && optional(oa, ob, store)
              && optional(ea, eb, store);
      case TupleType(var ea) -> b instanceof TupleType(var eb) && all(ea, eb, store);
      case RecordType(var fa) ->
          b instanceof RecordType(var fb)
              && fa.size() == fb.size()
              && fa.stream()
                  .map(RecordType.Field::name)
                  .toList()
                  .equals(fb.stream().map(RecordType.Field::name).toList())
              && all(
                  fa.stream().map(RecordType.Field::type).toList(),
                  fb.stream().map(RecordType.Field::type).toList(),
                  store);
      case VariantType(var ca) ->
          b instanceof VariantType(var cb)
              && ca.size() == cb.size()
              && ca.stream()
                  .map(VariantType.Case::name)
                  .toList()
                  .equals(cb.stream().map(VariantType.Case::name).toList())
              && allOptional(
                  ca.stream().map(VariantType.Case::payload).toList(),
                  cb.stream().map(VariantType.Case::payload).toList(),
                  store);
      default -> a.equals(b);
    };
  }

  private static boolean all(List<ValueType> a, List<ValueType> b, ResourceStore store) {
    if (a.size() != b.size()) {
      return false;
    }
    for (int i = 0; i < a.size(); i++) {
      if (!equal(a.get(i), b.get(i), store)) {
        return false;
      }
    }
    return true;
  }

  private static boolean allOptional(
      List<Optional<ValueType>> a, List<Optional<ValueType>> b, ResourceStore store) {
    for (int i = 0; i < a.size(); i++) {
      if (!optional(a.get(i), b.get(i), store)) {
        return false;
      }
    }
    return true;
  }

  private static boolean optional(
      Optional<ValueType> a, Optional<ValueType> b, ResourceStore store) {
    return a.isPresent() == b.isPresent() && (a.isEmpty() || equal(a.get(), b.get(), store));
  }
}
