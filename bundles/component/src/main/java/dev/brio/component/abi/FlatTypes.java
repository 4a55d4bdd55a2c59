package dev.brio.component.abi;

import dev.brio.component.types.BorrowType;
import dev.brio.component.types.CoreValType;
import dev.brio.component.types.FlagsType;
import dev.brio.component.types.FuncType;
import dev.brio.component.types.ListType;
import dev.brio.component.types.OwnType;
import dev.brio.component.types.PrimitiveType;
import dev.brio.component.types.RecordType;
import dev.brio.component.types.TupleType;
import dev.brio.component.types.ValueType;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/**
 * {@code flatten_type}, {@code flatten_types} and {@code flatten_functype} of CanonicalABI.md for
 * 32-bit memories and synchronous functions.
 */
public final class FlatTypes {
  public static final int MAX_FLAT_PARAMS = 16;
  public static final int MAX_FLAT_RESULTS = 1;

  private FlatTypes() {}

  /** {@code flatten_type(t)}. */
  public static List<CoreValType> flatten(ValueType t) {
    return switch (t) {
      case PrimitiveType p ->
          switch (p) {
            case S64, U64 -> List.of(CoreValType.I64);
            case F32 -> List.of(CoreValType.F32);
            case F64 -> List.of(CoreValType.F64);
            case STRING -> List.of(CoreValType.I32, CoreValType.I32);
            default -> List.of(CoreValType.I32);
          };
      case ListType l -> List.of(CoreValType.I32, CoreValType.I32);
      case OwnType o -> List.of(CoreValType.I32);
      case BorrowType b -> List.of(CoreValType.I32);
      case FlagsType f -> Collections.nCopies(Layout.flagsWords(f.names().size()), CoreValType.I32);
      case RecordType r -> flatten(Layout.fields(r));
      case TupleType u -> flatten(Layout.fields(u));
      default -> flattenVariant(Layout.cases(t));
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
          flat.set(i, join(flat.get(i), f.get(i)));
        } else {
          flat.add(f.get(i));
        }
      }
    }
    flat.addFirst(CoreValType.I32);
    return flat;
  }

  /** {@code join(a, b)}. */
  static CoreValType join(CoreValType a, CoreValType b) {
    if (a == b) {
      return a;
    }
    if ((a == CoreValType.I32 && b == CoreValType.F32)
        || (a == CoreValType.F32 && b == CoreValType.I32)) {
      return CoreValType.I32;
    }
    return CoreValType.I64;
  }

  /** The core signature of a function, lifted ({@code lift}) or lowered ({@code !lift}). */
  public static CoreSignature functype(FuncType ft, boolean lift) {
    List<ValueType> params = params(ft);
    List<ValueType> results = ft.result().stream().toList();
    List<CoreValType> flatParams = flatten(params);
    List<CoreValType> flatResults = flatten(results);
    if (flatParams.size() > MAX_FLAT_PARAMS) {
      flatParams = List.of(CoreValType.I32);
    }
    if (flatResults.size() > MAX_FLAT_RESULTS) {
      if (lift) {
        flatResults = List.of(CoreValType.I32);
      } else {
        flatParams = new ArrayList<>(flatParams);
        flatParams.add(CoreValType.I32);
        flatResults = List.of();
      }
    }
    return new CoreSignature(flatParams, flatResults);
  }

  /** A function's parameter types. */
  public static List<ValueType> params(FuncType ft) {
    return ft.params().stream().map(FuncType.Param::type).toList();
  }

  /** A core signature. */
  public record CoreSignature(List<CoreValType> params, List<CoreValType> results) {
    public CoreSignature {
      params = List.copyOf(params);
      results = List.copyOf(results);
    }
  }
}
