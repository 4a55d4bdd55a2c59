package dev.brio.component.abi;

import dev.brio.component.types.ValueType;
import dev.brio.component.values.Value;
import java.util.ArrayList;
import java.util.List;

/**
 * The parameters or the results of one function, planned once when the function is linked: {@code
 * lift_flat_values} and {@code lower_flat_values} of CanonicalABI.md with everything that depends
 * only on the types (flat width, whether they spill, the spilled tuple's layout) decided up front,
 * so a call only moves data.
 */
public final class ValuesPlan {
  private final TypePlan[] types;

  /** The values as one tuple in memory, when they spill; else null. */
  private final RecordPlan spilled;

  private final int flatWidth;

  private ValuesPlan(List<ValueType> types, int maxFlat) {
    TypePlans plans = new TypePlans();
    this.types = plans.of(types);
    var flat = TypePlans.concat(this.types);
    if (flat == null || flat.length > maxFlat) {
      this.spilled = RecordPlan.tuple(Layout.tuple(types), this.types);
      this.flatWidth = 1;
    } else {
      this.spilled = null;
      this.flatWidth = flat.length;
    }
  }

  /** The plan of a function's parameters ({@code MAX_FLAT_PARAMS}). */
  public static ValuesPlan params(List<ValueType> types) {
    return new ValuesPlan(types, FlatTypes.MAX_FLAT_PARAMS);
  }

  /** The plan of a function's results ({@code MAX_FLAT_RESULTS}). */
  public static ValuesPlan results(List<ValueType> types) {
    return new ValuesPlan(types, FlatTypes.MAX_FLAT_RESULTS);
  }

  /** Whether the values travel through memory, behind one pointer. */
  public boolean spills() {
    return spilled != null;
  }

  /** How many values there are. */
  public int count() {
    return types.length;
  }

  /** {@code lift_flat_values(cx, max_flat, vi, ts)}, reading from {@code flat[start]} on. */
  public List<Value> lift(AbiContext cx, long[] flat, int start) {
    if (spilled != null) {
      if (start >= flat.length) {
        throw new IllegalStateException("too few core values");
      }
      long ptr = Integer.toUnsignedLong((int) flat[start]);
      cx.checkRange(ptr, spilled.size(), spilled.alignment(), "spilled values");
      return spilled.loadElements(cx, (int) ptr);
    }
    FlatReader in = new FlatReader(flat, start);
    List<Value> out = new ArrayList<>(types.length);
    for (TypePlan t : types) {
      out.add(t.liftFlat(cx, in));
    }
    return out;
  }

  /**
   * {@code lower_flat_values} with no out-parameter: spilled values go to memory from {@code
   * realloc}, and the one core value is its pointer.
   */
  public long[] lower(AbiContext cx, List<Value> values) {
    checkCount(values);
    if (spilled != null) {
      long ptr =
          Integer.toUnsignedLong(
              cx.allocate(spilled.alignment(), spilled.size(), "spilled values"));
      cx.checkRange(ptr, spilled.size(), spilled.alignment(), "spilled values");
      spilled.storeElements(cx, values, (int) ptr);
      return new long[] {ptr};
    }
    FlatWriter out = new FlatWriter(flatWidth);
    for (int i = 0; i < types.length; i++) {
      types[i].lowerFlat(cx, values.get(i), out);
    }
    return out.toArray();
  }

  /**
   * {@code lower_flat_values} with the caller's out-parameter {@code outPtr}: spilled values are
   * stored there and no core value is returned; values that fit are returned flat.
   */
  public long[] lowerInto(AbiContext cx, List<Value> values, long outPtr) {
    if (spilled == null) {
      return lower(cx, values);
    }
    checkCount(values);
    cx.checkRange(outPtr, spilled.size(), spilled.alignment(), "spilled values");
    spilled.storeElements(cx, values, (int) outPtr);
    return new long[0];
  }

  private void checkCount(List<Value> values) {
    if (values.size() != types.length) {
      throw new IllegalArgumentException(
          "expected " + types.length + " values, got " + values.size());
    }
  }
}
