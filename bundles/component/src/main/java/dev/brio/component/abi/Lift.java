package dev.brio.component.abi;

import dev.brio.component.types.BorrowType;
import dev.brio.component.types.EnumType;
import dev.brio.component.types.FlagsType;
import dev.brio.component.types.ListType;
import dev.brio.component.types.OptionType;
import dev.brio.component.types.OwnType;
import dev.brio.component.types.PrimitiveType;
import dev.brio.component.types.RecordType;
import dev.brio.component.types.ResultType;
import dev.brio.component.types.TupleType;
import dev.brio.component.types.ValueType;
import dev.brio.component.types.VariantType;
import dev.brio.component.values.BoolValue;
import dev.brio.component.values.CharValue;
import dev.brio.component.values.EnumValue;
import dev.brio.component.values.F32Value;
import dev.brio.component.values.F64Value;
import dev.brio.component.values.FlagsValue;
import dev.brio.component.values.ListValue;
import dev.brio.component.values.OptionValue;
import dev.brio.component.values.RecordValue;
import dev.brio.component.values.ResultValue;
import dev.brio.component.values.S16Value;
import dev.brio.component.values.S32Value;
import dev.brio.component.values.S64Value;
import dev.brio.component.values.S8Value;
import dev.brio.component.values.StringValue;
import dev.brio.component.values.TupleValue;
import dev.brio.component.values.U16Value;
import dev.brio.component.values.U32Value;
import dev.brio.component.values.U64Value;
import dev.brio.component.values.U8Value;
import dev.brio.component.values.Value;
import dev.brio.component.values.VariantValue;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Lifting: core values and guest memory to component values ({@code lift_flat_values}, {@code
 * lift_flat}, {@code load} of CanonicalABI.md). Core values arrive as Chicory passes them: every
 * core value in a {@code long}, floats as their raw bits.
 */
public final class Lift {
  private Lift() {}

  /** {@code lift_flat_values(cx, max_flat, vi, ts)}. */
  public static List<Value> liftValues(
      AbiContext cx, int maxFlat, long[] flat, int start, List<ValueType> types) {
    if (FlatTypes.flatten(types).size() > maxFlat) {
      long ptr = Integer.toUnsignedLong((int) flat[start]);
      TupleType tuple = Layout.tuple(types);
      cx.checkRange(ptr, Layout.elemSize(tuple), Layout.alignment(tuple), "spilled values");
      return ((TupleValue) load(cx, ptr, tuple)).elements();
    }
    Reader in = new Reader(flat, start);
    List<Value> out = new ArrayList<>(types.size());
    for (ValueType t : types) {
      out.add(liftFlat(cx, in, t));
    }
    return out;
  }

  /** Reads flat core values in order. */
  static final class Reader {
    private final long[] values;
    private int next;

    Reader(long[] values, int start) {
      this.values = values;
      this.next = start;
    }

    long next() {
      if (next >= values.length) {
        throw new IllegalStateException("too few core values");
      }
      return values[next++];
    }

    void skipTo(int position) {
      next = position;
    }

    int position() {
      return next;
    }
  }

  /** {@code lift_flat(cx, vi, t)}. */
  static Value liftFlat(AbiContext cx, Reader in, ValueType t) {
    return switch (t) {
      case PrimitiveType p ->
          switch (p) {
            case STRING -> {
              long ptr = Integer.toUnsignedLong((int) in.next());
              long units = Integer.toUnsignedLong((int) in.next());
              yield new StringValue(Strings.load(cx, ptr, units));
            }
            case S64, U64 -> integer(p, in.next());
            case F32 -> f32((int) in.next());
            case F64 -> f64(in.next());
            default -> integer(p, (int) in.next());
          };
      case ListType l -> {
        long ptr = Integer.toUnsignedLong((int) in.next());
        long length = Integer.toUnsignedLong((int) in.next());
        yield list(cx, ptr, length, l.element());
      }
      case OwnType o -> cx.handles().liftOwn((int) in.next(), o.resource());
      case BorrowType b -> cx.handles().liftBorrow((int) in.next(), b.resource());
      case FlagsType f -> {
        long[] words = new long[Layout.flagsWords(f.names().size())];
        for (int i = 0; i < words.length; i++) {
          words[i] = Integer.toUnsignedLong((int) in.next());
        }
        yield flags(f, words);
      }
      case RecordType r -> record(r, liftAll(cx, in, Layout.fields(r)));
      case TupleType u -> new TupleValue(liftAll(cx, in, u.elements()));
      default -> {
        List<Optional<ValueType>> cases = Layout.cases(t);
        int width = FlatTypes.flatten(t).size();
        int end = in.position() + width;
        long caseIndex = Integer.toUnsignedLong((int) in.next());
        checkCase(caseIndex, cases.size(), t);
        Optional<ValueType> payloadType = cases.get((int) caseIndex);
        // the payload's values sit in the joined slots; in Chicory's long form reading a slot as
        // the case's own type is exactly the spec's CoerceValueIter (wrap, reinterpret)
        Optional<Value> payload = payloadType.map(pt -> liftFlat(cx, in, pt));
        in.skipTo(end);
        yield variant(t, (int) caseIndex, payload);
      }
    };
  }

  private static List<Value> liftAll(AbiContext cx, Reader in, List<ValueType> types) {
    List<Value> out = new ArrayList<>(types.size());
    for (ValueType t : types) {
      out.add(liftFlat(cx, in, t));
    }
    return out;
  }

  /** {@code load(cx, ptr, t)}; the caller has checked alignment and bounds. */
  static Value load(AbiContext cx, long ptr, ValueType t) {
    var m = cx.memory();
    int p = (int) ptr;
    return switch (t) {
      case PrimitiveType prim ->
          switch (prim) {
            case BOOL, S8, U8 -> integer(prim, m.read(p));
            case S16, U16 -> integer(prim, m.readShort(p));
            case S32, U32, CHAR -> integer(prim, m.readInt(p));
            case S64, U64 -> integer(prim, m.readLong(p));
            case F32 -> f32(m.readInt(p));
            case F64 -> f64(m.readLong(p));
            case STRING ->
                new StringValue(
                    Strings.load(
                        cx,
                        Integer.toUnsignedLong(m.readInt(p)),
                        Integer.toUnsignedLong(m.readInt(p + 4))));
          };
      case ListType l ->
          list(
              cx,
              Integer.toUnsignedLong(m.readInt(p)),
              Integer.toUnsignedLong(m.readInt(p + 4)),
              l.element());
      case OwnType o -> cx.handles().liftOwn(m.readInt(p), o.resource());
      case BorrowType b -> cx.handles().liftBorrow(m.readInt(p), b.resource());
      case FlagsType f -> {
        int n = f.names().size();
        long[] words = new long[Layout.flagsWords(n)];
        if (n <= 8) {
          words[0] = m.read(p) & 0xffL;
        } else if (n <= 16) {
          words[0] = m.readShort(p) & 0xffffL;
        } else {
          for (int i = 0; i < words.length; i++) {
            words[i] = Integer.toUnsignedLong(m.readInt(p + 4 * i));
          }
        }
        yield flags(f, words);
      }
      case RecordType r -> record(r, loadFields(cx, p, Layout.fields(r)));
      case TupleType u -> new TupleValue(loadFields(cx, p, u.elements()));
      default -> {
        List<Optional<ValueType>> cases = Layout.cases(t);
        long caseIndex =
            switch (Layout.discriminantSize(cases.size())) {
              case 1 -> m.read(p) & 0xffL;
              case 2 -> m.readShort(p) & 0xffffL;
              default -> Integer.toUnsignedLong(m.readInt(p));
            };
        checkCase(caseIndex, cases.size(), t);
        int payloadAt = p + Layout.payloadOffset(cases);
        Optional<Value> payload = cases.get((int) caseIndex).map(pt -> load(cx, payloadAt, pt));
        yield variant(t, (int) caseIndex, payload);
      }
    };
  }

  private static List<Value> loadFields(AbiContext cx, int ptr, List<ValueType> fields) {
    int[] offsets = Layout.fieldOffsets(fields);
    List<Value> out = new ArrayList<>(fields.size());
    for (int i = 0; i < fields.size(); i++) {
      out.add(load(cx, ptr + offsets[i], fields.get(i)));
    }
    return out;
  }

  /** {@code load_list_from_range}. */
  private static Value list(AbiContext cx, long ptr, long length, ValueType element) {
    int size = Layout.elemSize(element);
    long byteLength = length * size;
    Trap.trapIf(
        byteLength > Layout.MAX_LIST_BYTE_LENGTH,
        () -> "list: byte length " + byteLength + " exceeds MAX_LIST_BYTE_LENGTH");
    cx.checkRange(ptr, byteLength, Layout.alignment(element), "list");
    List<Value> out = new ArrayList<>((int) length);
    for (long i = 0; i < length; i++) {
      out.add(load(cx, ptr + i * size, element));
    }
    return new ListValue(out);
  }

  private static void checkCase(long caseIndex, int count, ValueType t) {
    Trap.trapIf(
        caseIndex >= count,
        () ->
            "invalid discriminant "
                + caseIndex
                + " for "
                + describe(t)
                + " with "
                + count
                + " cases");
  }

  private static String describe(ValueType t) {
    return switch (t) {
      case OptionType o -> "option";
      case ResultType r -> "result";
      case EnumType e -> "enum";
      default -> "variant";
    };
  }

  private static Value variant(ValueType t, int caseIndex, Optional<Value> payload) {
    return switch (t) {
      case OptionType o -> new OptionValue(payload);
      case ResultType r -> new ResultValue(caseIndex == 0, payload);
      case EnumType e -> new EnumValue(e.cases().get(caseIndex));
      case VariantType v -> new VariantValue(v.cases().get(caseIndex).name(), payload);
      default -> throw new IllegalArgumentException("not a variant: " + t);
    };
  }

  private static Value record(RecordType r, List<Value> values) {
    List<RecordValue.Field> fields = new ArrayList<>(values.size());
    for (int i = 0; i < values.size(); i++) {
      fields.add(new RecordValue.Field(r.fields().get(i).name(), values.get(i)));
    }
    return new RecordValue(fields);
  }

  /** {@code unpack_flags_from_int}: bits beyond the labels are ignored, as the spec does. */
  private static Value flags(FlagsType f, long[] words) {
    List<String> set = new ArrayList<>();
    for (int i = 0; i < f.names().size(); i++) {
      if ((words[i / 32] >>> (i % 32) & 1) != 0) {
        set.add(f.names().get(i));
      }
    }
    return new FlagsValue(set);
  }

  /** The integer-like primitives from a core value ({@code lift_flat}'s wrapping rules). */
  private static Value integer(PrimitiveType p, long v) {
    return switch (p) {
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
      default -> throw new IllegalArgumentException(p.witName());
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
  private static Value f32(int bits) {
    float f = Float.intBitsToFloat(bits);
    return new F32Value(Float.isNaN(f) ? Float.intBitsToFloat(0x7fc00000) : f);
  }

  /** {@code decode_i64_as_float}: NaNs are canonicalised. */
  private static Value f64(long bits) {
    double d = Double.longBitsToDouble(bits);
    return new F64Value(Double.isNaN(d) ? Double.longBitsToDouble(0x7ff8000000000000L) : d);
  }
}
