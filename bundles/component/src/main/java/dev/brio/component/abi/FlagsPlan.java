package dev.brio.component.abi;

import com.dylibso.chicory.runtime.Memory;
import dev.brio.component.types.CoreValType;
import dev.brio.component.types.FlagsType;
import dev.brio.component.values.FlagsValue;
import dev.brio.component.values.Value;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** {@code flags}: one bit per label, in 1, 2 or 4 bytes, one i32 when flat. */
final class FlagsPlan implements TypePlan {
  private static final CoreValType[] FLAT = {CoreValType.I32};

  private final FlagsType type;
  private final Map<String, Integer> bitOf = new HashMap<>();
  private final int size;

  FlagsPlan(FlagsType type) {
    this.type = type;
    for (int i = 0; i < type.names().size(); i++) {
      bitOf.putIfAbsent(type.names().get(i), i);
    }
    this.size = Layout.flagsSize(type.names().size());
  }

  @Override
  public int size() {
    return size;
  }

  @Override
  public int alignment() {
    return size;
  }

  @Override
  public CoreValType[] flat() {
    return FLAT;
  }

  @Override
  public Value liftFlat(AbiContext cx, FlatReader in) {
    return unpack(in.nextU32());
  }

  @Override
  public Value load(AbiContext cx, int p) {
    Memory m = cx.memory();
    return unpack(
        switch (size) {
          case 1 -> m.read(p) & 0xffL;
          case 2 -> m.readShort(p) & 0xffffL;
          default -> Integer.toUnsignedLong(m.readInt(p));
        });
  }

  @Override
  public void lowerFlat(AbiContext cx, Value v, FlatWriter out) {
    out.addI32(pack(v));
  }

  @Override
  public void store(AbiContext cx, Value v, int p) {
    Memory m = cx.memory();
    long bits = pack(v);
    switch (size) {
      case 1 -> m.writeByte(p, (byte) bits);
      case 2 -> m.writeShort(p, (short) bits);
      default -> m.writeI32(p, (int) bits);
    }
  }

  /** {@code unpack_flags_from_int}: bits beyond the labels are ignored, as the spec does. */
  private Value unpack(long bits) {
    List<String> set = new ArrayList<>();
    for (int i = 0; i < type.names().size(); i++) {
      if ((bits >>> i & 1) != 0) {
        set.add(type.names().get(i));
      }
    }
    return new FlagsValue(set);
  }

  /** {@code pack_flags_into_int}. */
  private long pack(Value v) {
    long bits = 0;
    for (String name : TypePlan.as(v, FlagsValue.class, type).set()) {
      Integer i = bitOf.get(name);
      if (i == null) {
        throw new IllegalArgumentException("no flag " + name + " in " + type);
      }
      bits |= 1L << i;
    }
    return bits;
  }
}
