package dev.brio.component.abi;

import dev.brio.component.binary.Flattening;
import dev.brio.component.types.CoreFuncType;
import dev.brio.component.types.CoreValType;
import dev.brio.component.types.FuncType;
import dev.brio.component.types.OptionType;
import dev.brio.component.types.RecordType;
import dev.brio.component.types.ResultType;
import dev.brio.component.types.TupleType;
import dev.brio.component.types.ValueType;
import dev.brio.component.types.VariantType;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code flatten_type}, {@code flatten_types} and {@code flatten_functype} of CanonicalABI.md for
 * 32-bit memories and synchronous functions.
 */
public final class FlatTypes {
  public static final int MAX_FLAT_PARAMS = Flattening.MAX_FLAT_PARAMS;
  public static final int MAX_FLAT_RESULTS = Flattening.MAX_FLAT_RESULTS;

  private FlatTypes() {}

  /** {@code flatten_type(t)}, exact (not cut off past 16 values, unlike the parser's). */
  public static List<CoreValType> flatten(ValueType t) {
    return switch (t) {
      case RecordType r -> flatten(Layout.fields(r));
      case TupleType u -> flatten(Layout.fields(u));
      case VariantType v -> flattenVariant(Layout.cases(v));
      case OptionType o -> flattenVariant(Layout.cases(o));
      case ResultType r -> flattenVariant(Layout.cases(r));
      default -> Flattening.leaf(t);
    };
  }

  /** {@code flatten_types(ts)}. */
  public static List<CoreValType> flatten(List<ValueType> types) {
    List<CoreValType> out = new ArrayList<>();
    for (ValueType t : types) {
      out.addAll(flatten(t));
    }
    return out;
  }

  /** {@code flatten_variant}: the discriminant, then the payloads joined position by position. */
  static List<CoreValType> flattenVariant(List<Optional<ValueType>> cases) {
    List<CoreValType> flat = new ArrayList<>();
    for (Optional<ValueType> c : cases) {
      if (c.isEmpty()) {
        continue;
      }
      List<CoreValType> f = flatten(c.get());
      for (int i = 0; i < f.size(); i++) {
        if (i < flat.size()) {
          flat.set(i, Flattening.join(flat.get(i), f.get(i)));
        } else {
          flat.add(f.get(i));
        }
      }
    }
    flat.addFirst(CoreValType.I32);
    return flat;
  }

  /**
   * The core signature of a function, lifted ({@code lift}) or lowered ({@code !lift}): the
   * parser's {@code flatten_functype}, which checked it when the component was loaded.
   */
  public static CoreFuncType functype(FuncType ft, boolean lift) {
    return new Flattening().functype(ft, lift ? Flattening.Context.LIFT : Flattening.Context.LOWER);
  }

  /** A function's parameter types. */
  public static List<ValueType> params(FuncType ft) {
    return ft.params().stream().map(FuncType.Param::type).toList();
  }
}
