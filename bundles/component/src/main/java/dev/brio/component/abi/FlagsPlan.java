package dev.brio.component.abi;

import com.dylibso.chicory.runtime.Memory;
import dev.brio.component.types.CoreValType;
import dev.brio.component.types.FlagsType;
import dev.brio.component.values.FlagsValue;
import dev.brio.component.values.Value;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** {@code flags}: one bit per label, in 1, 2 or 4 bytes, then one i32 per 32 labels. */
final class FlagsPlan implements TypePlan {
  private final FlagsType type;
  private final Map<String, Integer> bitOf = new HashMap<>();
  private final int words;
  private final int size;
  private final CoreValType[] flat;

  FlagsPlan(FlagsType type) {
    this.type = type;
    for (int i = 0; i < type.names().size(); i++) {
      bitOf.putIfAbsent(type.names().get(i), i);
    }
    this.words = Layout.flagsWords(type.names().size());
    this.size = Layout.flagsSize(type.names().size());
    CoreValType[] f = new CoreValType[words];
    Arrays.fill(f, CoreValType.I32);
    this.flat = words > FlatTypes.MAX_FLAT_PARAMS ? null : f;
  }

  @Override
  public int size() {
    return size;
  }

  @Override
  public int alignment() {
    return Math.min(size, 4);
  }

  @Override
  public CoreValType[] flat() {
    return flat;
  }

  @Override
  public Value liftFlat(AbiContext cx, FlatReader in) {
    long[] w = new long[words];
    for (int i = 0; i < w.length; i++) {
      w[i] = in.nextU32();
    }
    return unpack(w);
  }

  @Override
  public Value load(AbiContext cx, int p) {
    Memory m = cx.memory();
    long[] w = new long[words];
    if (size == 1) {
      w[0] = m.read(p) & 0xffL;
    } else if (size == 2) {
      w[0] = m.readShort(p) & 0xffffL;
    } else {
      for (int i = 0; i < w.length; i++) {
        w[i] = Integer.toUnsignedLong(m.readInt(p + 4 * i));
      }
    }
    return unpack(w);
  }

  @Override
  public void lowerFlat(AbiContext cx, Value v, FlatWriter out) {
    for (long word : pack(v)) {
      out.addI32(word);
    }
  }

  @Override
  public void store(AbiContext cx, Value v, int p) {
    Memory m = cx.memory();
    long[] w = pack(v);
    if (size == 1) {
      m.writeByte(p, (byte) w[0]);
    } else if (size == 2) {
      m.writeShort(p, (short) w[0]);
    } else {
      for (int i = 0; i < w.length; i++) {
        m.writeI32(p + 4 * i, (int) w[i]);
      }
    }
  }

  /** {@code unpack_flags_from_int}: bits beyond the labels are ignored, as the spec does. */
  private Value unpack(long[] w) {
    List<String> set = new ArrayList<>();
    for (int i = 0; i < type.names().size(); i++) {
      if ((w[i / 32] >>> (i % 32) & 1) != 0) {
        set.add(type.names().get(i));
      }
    }
    return new FlagsValue(set);
  }

  /** {@code pack_flags_into_int}, one word per 32 labels. */
  private long[] pack(Value v) {
    long[] w = new long[words];
    for (String name : TypePlan.as(v, FlagsValue.class, type).set()) {
      Integer i = bitOf.get(name);
      if (i == null) {
        throw new IllegalArgumentException("no flag " + name + " in " + type);
      }
      w[i / 32] |= 1L << (i % 32);
    }
    return w;
  }
}
