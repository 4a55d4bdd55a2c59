package dev.brio.component.abi;

import dev.brio.component.types.BorrowType;
import dev.brio.component.types.CoreValType;
import dev.brio.component.types.FlagsType;
import dev.brio.component.types.ListType;
import dev.brio.component.types.OwnType;
import dev.brio.component.types.PrimitiveType;
import dev.brio.component.types.RecordType;
import dev.brio.component.types.TupleType;
import dev.brio.component.types.ValueType;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds {@link TypePlan}s, one per type object: a type used twice (a record of two fields of the
 * same defined type) shares its plan, so building stays linear in the size of the type's definition
 * even where its expansion is not.
 */
final class TypePlans {
  private final Map<ValueType, TypePlan> memo = new IdentityHashMap<>();

  TypePlan of(ValueType t) {
    TypePlan p = memo.get(t);
    if (p == null) {
      p = build(t);
      memo.put(t, p);
    }
    return p;
  }

  TypePlan[] of(List<ValueType> types) {
    TypePlan[] plans = new TypePlan[types.size()];
    for (int i = 0; i < plans.length; i++) {
      plans[i] = of(types.get(i));
    }
    return plans;
  }

  private TypePlan build(ValueType t) {
    return switch (t) {
      case PrimitiveType p when p == PrimitiveType.STRING -> new StringPlan();
      case PrimitiveType p -> ScalarPlan.of(p);
      case ListType l -> new ListPlan(l, of(l.element()));
      case OwnType o -> new HandlePlan(o.resource(), true);
      case BorrowType b -> new HandlePlan(b.resource(), false);
      case FlagsType f -> new FlagsPlan(f);
      case RecordType r -> RecordPlan.record(r, of(Layout.fields(r)));
      case TupleType u -> RecordPlan.tuple(u, of(u.elements()));
      default -> new VariantPlan(t, Layout.cases(t).stream().map(c -> c.map(this::of)).toList());
    };
  }

  /** {@code flatten_types}: the concatenation, or null past {@code MAX_FLAT_PARAMS} values. */
  static CoreValType[] concat(TypePlan[] plans) {
    int n = 0;
    for (TypePlan p : plans) {
      if (p.flat() == null) {
        return null;
      }
      n += p.flat().length;
    }
    if (n > FlatTypes.MAX_FLAT_PARAMS) {
      return null;
    }
    CoreValType[] out = new CoreValType[n];
    int i = 0;
    for (TypePlan p : plans) {
      System.arraycopy(p.flat(), 0, out, i, p.flat().length);
      i += p.flat().length;
    }
    return out;
  }
}
