package dev.brio.component.abi;

import com.dylibso.chicory.runtime.Memory;
import dev.brio.component.types.CoreValType;
import dev.brio.component.types.PrimitiveType;
import dev.brio.component.values.BoolValue;
import dev.brio.component.values.CharValue;
import dev.brio.component.values.F32Value;
import dev.brio.component.values.F64Value;
import dev.brio.component.values.S16Value;
import dev.brio.component.values.S32Value;
import dev.brio.component.values.S64Value;
import dev.brio.component.values.S8Value;
import dev.brio.component.values.U16Value;
import dev.brio.component.values.U32Value;
import dev.brio.component.values.U64Value;
import dev.brio.component.values.U8Value;
import dev.brio.component.values.Value;

/** bool, the integers, char, f32 and f64: one core value, or 1 to 8 bytes of memory. */
final class ScalarPlan implements TypePlan {
  private static final int CANONICAL_F32_NAN = 0x7fc00000;
  private static final long CANONICAL_F64_NAN = 0x7ff8000000000000L;

  private final PrimitiveType type;
  private final int size;
  private final CoreValType[] flat;

  private ScalarPlan(PrimitiveType type, int size, CoreValType flat) {
    this.type = type;
    this.size = size;
    this.flat = new CoreValType[] {flat};
  }

  static ScalarPlan of(PrimitiveType p) {
    return switch (p) {
      case BOOL, S8, U8 -> new ScalarPlan(p, 1, CoreValType.I32);
      case S16, U16 -> new ScalarPlan(p, 2, CoreValType.I32);
      case S32, U32, CHAR -> new ScalarPlan(p, 4, CoreValType.I32);
      case S64, U64 -> new ScalarPlan(p, 8, CoreValType.I64);
      case F32 -> new ScalarPlan(p, 4, CoreValType.F32);
      case F64 -> new ScalarPlan(p, 8, CoreValType.F64);
      case STRING -> throw new IllegalArgumentException("string is not a scalar");
    };
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
    return flat;
  }

  @Override
  public Value liftFlat(AbiContext cx, FlatReader in) {
    long v = in.next();
    return switch (type) {
      case S64, U64 -> lift(v);
      case F32 -> liftF32((int) v);
      case F64 -> liftF64(v);
      default -> lift((int) v);
    };
  }

  @Override
  public Value load(AbiContext cx, int p) {
    Memory m = cx.memory();
    return switch (size) {
      case 1 -> lift(m.read(p));
      case 2 -> lift(m.readShort(p));
      case 4 -> type == PrimitiveType.F32 ? liftF32(m.readInt(p)) : lift(m.readInt(p));
      default -> type == PrimitiveType.F64 ? liftF64(m.readLong(p)) : lift(m.readLong(p));
    };
  }

  @Override
  public void lowerFlat(AbiContext cx, Value v, FlatWriter out) {
    switch (type) {
      case F32 -> out.add(Float.floatToRawIntBits(lowerF32(v)));
      case F64 -> out.add(Double.doubleToRawLongBits(lowerF64(v)));
      case S64, U64 -> out.add(bits(v));
      default -> out.addI32(bits(v));
    }
  }

  @Override
  public void store(AbiContext cx, Value v, int p) {
    Memory m = cx.memory();
    switch (type) {
      case F32 -> m.writeI32(p, Float.floatToRawIntBits(lowerF32(v)));
      case F64 -> m.writeLong(p, Double.doubleToRawLongBits(lowerF64(v)));
      default -> {
        long bits = bits(v);
        switch (size) {
          case 1 -> m.writeByte(p, (byte) bits);
          case 2 -> m.writeShort(p, (short) bits);
          case 4 -> m.writeI32(p, (int) bits);
          default -> m.writeLong(p, bits);
        }
      }
    }
  }

  /** The integer-like primitives from a core value ({@code lift_flat}'s wrapping rules). */
  private Value lift(long v) {
    return switch (type) {
      case BOOL -> new BoolValue(v != 0);
      case S8 -> new S8Value((byte) v);
      case U8 -> new U8Value((int) (v & 0xff));
      case S16 -> new S16Value((short) v);
      case U16 -> new U16Value((int) (v & 0xffff));
      case S32 -> new S32Value((int) v);
      case U32 -> new U32Value(v & 0xffff_ffffL);
      case S64 -> new S64Value(v);
      case U64 -> new U64Value(v);
      case CHAR -> charValue(v & 0xffff_ffffL);
      default -> throw new IllegalStateException(type.witName());
    };
  }

  /** {@code convert_i32_to_char}. */
  private static Value charValue(long i) {
    Trap.trapIf(i >= 0x110000, () -> "char: 0x" + Long.toHexString(i) + " is beyond U+10FFFF");
    Trap.trapIf(
        i >= 0xd800 && i <= 0xdfff, () -> "char: 0x" + Long.toHexString(i) + " is a surrogate");
    return new CharValue((int) i);
  }

  /** {@code decode_i32_as_float}: NaNs are canonicalised. */
  private static Value liftF32(int bits) {
    float f = Float.intBitsToFloat(bits);
    return new F32Value(Float.isNaN(f) ? Float.intBitsToFloat(CANONICAL_F32_NAN) : f);
  }

  /** {@code decode_i64_as_float}: NaNs are canonicalised. */
  private static Value liftF64(long bits) {
    double d = Double.longBitsToDouble(bits);
    return new F64Value(Double.isNaN(d) ? Double.longBitsToDouble(CANONICAL_F64_NAN) : d);
  }

  /** An integer-like value's bits. */
  private long bits(Value v) {
    return switch (type) {
      case BOOL -> TypePlan.as(v, BoolValue.class, type).value() ? 1 : 0;
      case S8 -> TypePlan.as(v, S8Value.class, type).value();
      case U8 -> TypePlan.as(v, U8Value.class, type).value();
      case S16 -> TypePlan.as(v, S16Value.class, type).value();
      case U16 -> TypePlan.as(v, U16Value.class, type).value();
      case S32 -> TypePlan.as(v, S32Value.class, type).value();
      case U32 -> TypePlan.as(v, U32Value.class, type).value();
      case S64 -> TypePlan.as(v, S64Value.class, type).value();
      case U64 -> TypePlan.as(v, U64Value.class, type).bits();
      case CHAR -> TypePlan.as(v, CharValue.class, type).codePoint();
      default -> throw new IllegalStateException(type.witName());
    };
  }

  /** NaNs are canonicalised on lowering too (the deterministic profile). */
  private float lowerF32(Value v) {
    float f = TypePlan.as(v, F32Value.class, type).value();
    return Float.isNaN(f) ? Float.intBitsToFloat(CANONICAL_F32_NAN) : f;
  }

  private double lowerF64(Value v) {
    double d = TypePlan.as(v, F64Value.class, type).value();
    return Double.isNaN(d) ? Double.longBitsToDouble(CANONICAL_F64_NAN) : d;
  }
}
