package dev.brio.component.abi;

import com.dylibso.chicory.runtime.Memory;
import dev.brio.component.types.CoreValType;
import dev.brio.component.types.PrimitiveType;
import dev.brio.component.values.StringValue;
import dev.brio.component.values.Value;

/** {@code string}: a pointer and a tagged code-unit count, in the call's string encoding. */
final class StringPlan implements TypePlan {
  private static final CoreValType[] FLAT = {CoreValType.I32, CoreValType.I32};

  @Override
  public int size() {
    return 8;
  }

  @Override
  public int alignment() {
    return 4;
  }

  @Override
  public CoreValType[] flat() {
    return FLAT;
  }

  @Override
  public Value liftFlat(AbiContext cx, FlatReader in) {
    long ptr = in.nextU32();
    long units = in.nextU32();
    return new StringValue(Strings.load(cx, ptr, units));
  }

  @Override
  public Value load(AbiContext cx, int p) {
    Memory m = cx.memory();
    return new StringValue(
        Strings.load(
            cx, Integer.toUnsignedLong(m.readInt(p)), Integer.toUnsignedLong(m.readInt(p + 4))));
  }

  @Override
  public void lowerFlat(AbiContext cx, Value v, FlatWriter out) {
    long[] range =
        Strings.store(cx, TypePlan.as(v, StringValue.class, PrimitiveType.STRING).value());
    out.addI32(range[0]);
    out.addI32(range[1]);
  }

  @Override
  public void store(AbiContext cx, Value v, int p) {
    long[] range =
        Strings.store(cx, TypePlan.as(v, StringValue.class, PrimitiveType.STRING).value());
    cx.memory().writeI32(p, (int) range[0]);
    cx.memory().writeI32(p + 4, (int) range[1]);
  }
}
