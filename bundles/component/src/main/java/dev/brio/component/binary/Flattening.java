package dev.brio.component.binary;

import dev.brio.component.types.BorrowType;
import dev.brio.component.types.CoreFuncType;
import dev.brio.component.types.CoreValType;
import dev.brio.component.types.EnumType;
import dev.brio.component.types.FlagsType;
import dev.brio.component.types.FuncType;
import dev.brio.component.types.ListType;
import dev.brio.component.types.OptionType;
import dev.brio.component.types.OwnType;
import dev.brio.component.types.PrimitiveType;
import dev.brio.component.types.RecordType;
import dev.brio.component.types.ResultType;
import dev.brio.component.types.TupleType;
import dev.brio.component.types.ValueType;
import dev.brio.component.types.VariantType;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The core signature of a lifted or lowered function ({@code flatten_functype} in CanonicalABI.md,
 * for sync functions with 32-bit memories), used to check {@code canon lift} against its core
 * function and to type the core function {@code canon lower} defines.
 *
 * <p>Flattening stops counting past {@link #MAX_FLAT_PARAMS} values (more all go through memory)
 * and is memoised per type object, so it stays linear in the size of the binary.
 */
public final class Flattening {
  public static final int MAX_FLAT_PARAMS = 16;
  public static final int MAX_FLAT_RESULTS = 1;

  /** Marks a type whose flattening has more values than anything that is passed flat. */
  private static final List<CoreValType> TOO_MANY = Collections.unmodifiableList(new ArrayList<>());

  private final Map<ValueType, List<CoreValType>> memo = new IdentityHashMap<>();

  /** Whether lifting or lowering. */
  public enum Context {
    LIFT,
    LOWER
  }

  /** The flattened values of a list of types, or empty if there are more than 16. */
  Optional<List<CoreValType>> flatten(List<ValueType> types) {
    List<CoreValType> out = new ArrayList<>();
    for (ValueType t : types) {
      List<CoreValType> f = flatten(t);
      if (f == TOO_MANY || out.size() + f.size() > MAX_FLAT_PARAMS) {
        return Optional.empty();
      }
      out.addAll(f);
    }
    return Optional.of(out);
  }

  /** {@code flatten_functype(opts, ft, context)} for sync functions and 32-bit memories. */
  public CoreFuncType functype(FuncType ft, Context context) {
    List<CoreValType> params =
        flatten(ft.params().stream().map(FuncType.Param::type).toList())
            .orElse(List.of(CoreValType.I32));
    Optional<List<CoreValType>> results = flatten(ft.result().stream().toList());
    List<CoreValType> flatResults = results.orElse(TOO_MANY);
    if (results.isPresent() && flatResults.size() <= MAX_FLAT_RESULTS) {
      return new CoreFuncType(params, flatResults);
    }
    if (context == Context.LIFT) {
      return new CoreFuncType(params, List.of(CoreValType.I32));
    }
    List<CoreValType> withPointer = new ArrayList<>(params);
    withPointer.add(CoreValType.I32);
    return new CoreFuncType(withPointer, List.of());
  }

  /** Whether the params flatten to more than 16 values (then they go through memory). */
  boolean paramsSpill(FuncType ft) {
    return flatten(ft.params().stream().map(FuncType.Param::type).toList()).isEmpty();
  }

  /** Whether the result flattens to more than one value (then it goes through memory). */
  boolean resultSpills(FuncType ft) {
    return flatten(ft.result().stream().toList())
        .map(l -> l.size() > MAX_FLAT_RESULTS)
        .orElse(true);
  }

  private List<CoreValType> flatten(ValueType t) {
    List<CoreValType> cached = memo.get(t);
    if (cached != null) {
      return cached;
    }
    List<CoreValType> result =
        switch (t) {
          case RecordType r -> sequence(r.fields().stream().map(RecordType.Field::type).toList());
          case TupleType u -> sequence(u.elements());
          case VariantType v -> variant(v.cases().stream().map(VariantType.Case::payload).toList());
          case OptionType o -> variant(List.of(Optional.empty(), Optional.of(o.payload())));
          case ResultType r -> variant(List.of(r.ok(), r.error()));
          default -> leaf(t);
        };
    memo.put(t, result);
    return result;
  }

  private List<CoreValType> sequence(List<ValueType> types) {
    return flatten(types).map(List::copyOf).orElse(TOO_MANY);
  }

  private List<CoreValType> variant(List<Optional<ValueType>> payloads) {
    List<CoreValType> flat = new ArrayList<>();
    flat.add(CoreValType.I32); // the discriminant
    for (Optional<ValueType> payload : payloads) {
      if (payload.isEmpty()) {
        continue;
      }
      List<CoreValType> f = flatten(payload.get());
      if (f == TOO_MANY || f.size() + 1 > MAX_FLAT_PARAMS) {
        return TOO_MANY;
      }
      for (int i = 0; i < f.size(); i++) {
        if (i + 1 < flat.size()) {
          flat.set(i + 1, join(flat.get(i + 1), f.get(i)));
        } else {
          flat.add(f.get(i));
        }
      }
    }
    return List.copyOf(flat);
  }

  /**
   * {@code flatten_type} of a type with no component types inside (primitives, lists, handles,
   * flags, enums); the one place these rules are written, for the parser and the canonical ABI.
   * Flags take one i32 per 32 labels (Binary.md allows at most 32, so one).
   */
  public static List<CoreValType> leaf(ValueType t) {
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
      case FlagsType f -> List.of(CoreValType.I32);
      case EnumType e -> List.of(CoreValType.I32);
      case OwnType o -> List.of(CoreValType.I32);
      case BorrowType b -> List.of(CoreValType.I32);
      default -> throw new IllegalArgumentException("not a leaf type: " + t);
    };
  }

  /** {@code join(a, b)}: the core type two variant payload slots share. */
  public static CoreValType join(CoreValType a, CoreValType b) {
    if (a == b) {
      return a;
    }
    if ((a == CoreValType.I32 && b == CoreValType.F32)
        || (a == CoreValType.F32 && b == CoreValType.I32)) {
      return CoreValType.I32;
    }
    return CoreValType.I64;
  }
}
