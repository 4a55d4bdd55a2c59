package dev.brio.component.abi;

import dev.brio.component.types.CoreValType;
import dev.brio.component.values.Value;

/**
 * Everything the canonical ABI derives from one value type alone — byte size, alignment, flat core
 * types, field offsets, case layout — computed once when a function is linked, with the per-call
 * data movement ({@code lift_flat}, {@code load}, {@code lower_flat}, {@code store} of
 * CanonicalABI.md) on top. {@link TypePlans} builds them.
 */
sealed interface TypePlan
    permits ScalarPlan, StringPlan, ListPlan, HandlePlan, FlagsPlan, RecordPlan, VariantPlan {

  /** {@code elem_size(t)}. */
  int size();

  /** {@code alignment(t)}. */
  int alignment();

  /**
   * {@code flatten_type(t)}, or null when it has more than {@link FlatTypes#MAX_FLAT_PARAMS}
   * values: such a type only ever travels through memory.
   */
  CoreValType[] flat();

  /** {@code lift_flat(cx, vi, t)}. */
  Value liftFlat(AbiContext cx, FlatReader in);

  /** {@code load(cx, ptr, t)}; the caller has checked alignment and bounds. */
  Value load(AbiContext cx, int ptr);

  /** {@code lower_flat(cx, v, t)}. */
  void lowerFlat(AbiContext cx, Value v, FlatWriter out);

  /** {@code store(cx, v, t, ptr)}; the caller has checked alignment and bounds. */
  void store(AbiContext cx, Value v, int ptr);

  /** A value that does not match its type is a host error, not a trap. */
  static <V extends Value> V as(Value v, Class<V> kind, Object type) {
    if (!kind.isInstance(v)) {
      throw new IllegalArgumentException("expected a value of type " + type + ", got " + v);
    }
    return kind.cast(v);
  }
}
