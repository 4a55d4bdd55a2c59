package dev.brio.component.abi;

import dev.brio.component.types.BorrowType;
import dev.brio.component.types.CoreValType;
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
 * Lowering: component values to core values and guest memory ({@code lower_flat_values}, {@code
 * lower_flat}, {@code store} of CanonicalABI.md). A value that does not match its type is a host
 * error ({@link IllegalArgumentException}), not a trap.
 */
public final class Lower {
  private Lower() {}

  /**
   * {@code lower_flat_values(cx, max_flat, vs, ts, out_param)}: with {@code outPtr} null, spilled
   * values go to memory from {@code realloc}; otherwise to the caller's buffer at {@code outPtr}.
   */
  public static long[] lowerValues(
      AbiContext cx, int maxFlat, List<Value> values, List<ValueType> types, Long outPtr) {
    if (values.size() != types.size()) {
      throw new IllegalArgumentException(
          "expected " + types.size() + " values, got " + values.size());
    }
    if (FlatTypes.flatten(types).size() > maxFlat) {
      TupleType tuple = Layout.tuple(types);
      long ptr;
      long[] flat;
      if (outPtr == null) {
        ptr =
            Integer.toUnsignedLong(
                cx.allocate(Layout.alignment(tuple), Layout.elemSize(tuple), "spilled values"));
        flat = new long[] {ptr};
      } else {
        ptr = outPtr;
        flat = new long[0];
      }
      cx.checkRange(ptr, Layout.elemSize(tuple), Layout.alignment(tuple), "spilled values");
      store(cx, new TupleValue(values), tuple, ptr);
      return flat;
    }
    List<Long> out = new ArrayList<>();
    for (int i = 0; i < values.size(); i++) {
      lowerFlat(cx, values.get(i), types.get(i), out);
    }
    long[] flat = new long[out.size()];
    for (int i = 0; i < flat.length; i++) {
      flat[i] = out.get(i);
    }
    return flat;
  }

  /** {@code lower_flat(cx, v, t)}: appends the core values, i32s sign-extended as Chicory does. */
  static void lowerFlat(AbiContext cx, Value v, ValueType t, List<Long> out) {
    switch (t) {
      case PrimitiveType p -> {
        switch (p) {
          case STRING -> {
            long[] range = Strings.store(cx, as(v, StringValue.class, t).value());
            out.add((long) (int) range[0]);
            out.add((long) (int) range[1]);
          }
          case F32 -> out.add((long) Float.floatToRawIntBits(f32(v, t)));
          case F64 -> out.add(Double.doubleToRawLongBits(f64(v, t)));
          case S64, U64 -> out.add(integer(v, p));
          default -> out.add((long) (int) integer(v, p));
        }
      }
      case ListType l -> {
        long[] range = storeList(cx, as(v, ListValue.class, t).elements(), l.element());
        out.add((long) (int) range[0]);
        out.add((long) (int) range[1]);
      }
      case OwnType o -> out.add((long) cx.handles().lowerOwn(v, o.resource()));
      case BorrowType b -> out.add((long) cx.handles().lowerBorrow(v, b.resource()));
      case FlagsType f -> {
        for (long word : flagWords(as(v, FlagsValue.class, t), f)) {
          out.add((long) (int) word);
        }
      }
      case RecordType r -> {
        List<Value> fields = recordFields(v, r);
        for (int i = 0; i < fields.size(); i++) {
          lowerFlat(cx, fields.get(i), r.fields().get(i).type(), out);
        }
      }
      case TupleType u -> {
        List<Value> elements = tupleElements(v, u);
        for (int i = 0; i < elements.size(); i++) {
          lowerFlat(cx, elements.get(i), u.elements().get(i), out);
        }
      }
      default -> {
        List<CoreValType> joined = FlatTypes.flatten(t);
        int caseIndex = caseIndex(v, t);
        out.add((long) caseIndex);
        Optional<ValueType> payloadType = Layout.cases(t).get(caseIndex);
        List<Long> payload = new ArrayList<>();
        if (payloadType.isPresent()) {
          lowerFlat(cx, payload(v, t), payloadType.get(), payload);
          List<CoreValType> have = FlatTypes.flatten(payloadType.get());
          for (int i = 0; i < payload.size(); i++) {
            long x = payload.get(i);
            // CoerceValueIter on lowering: an i32 or f32 in an i64 slot is zero-extended
            if (joined.get(i + 1) == CoreValType.I64
                && have.get(i) != CoreValType.I64
                && have.get(i) != CoreValType.F64) {
              x &= 0xffff_ffffL;
            }
            out.add(x);
          }
        }
        for (int i = payload.size() + 1; i < joined.size(); i++) {
          out.add(0L);
        }
      }
    }
  }

  /** {@code store(cx, v, t, ptr)}; the caller has checked alignment and bounds. */
  static void store(AbiContext cx, Value v, ValueType t, long ptr) {
    var m = cx.memory();
    int p = (int) ptr;
    switch (t) {
      case PrimitiveType prim -> {
        switch (prim) {
          case BOOL, S8, U8 -> m.writeByte(p, (byte) integer(v, prim));
          case S16, U16 -> m.writeShort(p, (short) integer(v, prim));
          case S32, U32, CHAR -> m.writeI32(p, (int) integer(v, prim));
          case S64, U64 -> m.writeLong(p, integer(v, prim));
          case F32 -> m.writeI32(p, Float.floatToRawIntBits(f32(v, t)));
          case F64 -> m.writeLong(p, Double.doubleToRawLongBits(f64(v, t)));
          case STRING -> {
            long[] range = Strings.store(cx, as(v, StringValue.class, t).value());
            m.writeI32(p, (int) range[0]);
            m.writeI32(p + 4, (int) range[1]);
          }
        }
      }
      case ListType l -> {
        long[] range = storeList(cx, as(v, ListValue.class, t).elements(), l.element());
        m.writeI32(p, (int) range[0]);
        m.writeI32(p + 4, (int) range[1]);
      }
      case OwnType o -> m.writeI32(p, cx.handles().lowerOwn(v, o.resource()));
      case BorrowType b -> m.writeI32(p, cx.handles().lowerBorrow(v, b.resource()));
      case FlagsType f -> {
        long[] words = flagWords(as(v, FlagsValue.class, t), f);
        int n = f.names().size();
        if (n <= 8) {
          m.writeByte(p, (byte) words[0]);
        } else if (n <= 16) {
          m.writeShort(p, (short) words[0]);
        } else {
          for (int i = 0; i < words.length; i++) {
            m.writeI32(p + 4 * i, (int) words[i]);
          }
        }
      }
      case RecordType r -> storeFields(cx, recordFields(v, r), Layout.fields(r), p);
      case TupleType u -> storeFields(cx, tupleElements(v, u), u.elements(), p);
      default -> {
        List<Optional<ValueType>> cases = Layout.cases(t);
        int caseIndex = caseIndex(v, t);
        switch (Layout.discriminantSize(cases.size())) {
          case 1 -> m.writeByte(p, (byte) caseIndex);
          case 2 -> m.writeShort(p, (short) caseIndex);
          default -> m.writeI32(p, caseIndex);
        }
        Optional<ValueType> payloadType = cases.get(caseIndex);
        if (payloadType.isPresent()) {
          store(cx, payload(v, t), payloadType.get(), p + Layout.payloadOffset(cases));
        }
      }
    }
  }

  private static void storeFields(AbiContext cx, List<Value> values, List<ValueType> types, int p) {
    int[] offsets = Layout.fieldOffsets(types);
    for (int i = 0; i < types.size(); i++) {
      store(cx, values.get(i), types.get(i), p + offsets[i]);
    }
  }

  /** {@code store_list_into_range}: returns {ptr, length}. */
  private static long[] storeList(AbiContext cx, List<Value> elements, ValueType element) {
    int size = Layout.elemSize(element);
    long byteLength = (long) elements.size() * size;
    Trap.trapIf(
        byteLength > Layout.MAX_LIST_BYTE_LENGTH,
        () -> "list: byte length " + byteLength + " exceeds MAX_LIST_BYTE_LENGTH");
    int alignment = Layout.alignment(element);
    long ptr = Integer.toUnsignedLong(cx.allocate(alignment, byteLength, "list"));
    cx.checkRange(ptr, byteLength, alignment, "list from realloc");
    for (int i = 0; i < elements.size(); i++) {
      store(cx, elements.get(i), element, ptr + (long) i * size);
    }
    return new long[] {ptr, elements.size()};
  }

  private static int caseIndex(Value v, ValueType t) {
    return switch (t) {
      case OptionType o -> as(v, OptionValue.class, t).value().isPresent() ? 1 : 0;
      case ResultType r -> as(v, ResultValue.class, t).isOk() ? 0 : 1;
      case EnumType e -> index(e.cases(), as(v, EnumValue.class, t).caseName(), t);
      case VariantType vt ->
          index(
              vt.cases().stream().map(VariantType.Case::name).toList(),
              as(v, VariantValue.class, t).caseName(),
              t);
      default -> throw new IllegalArgumentException("not a variant: " + t);
    };
  }

  private static Value payload(Value v, ValueType t) {
    Optional<Value> p =
        switch (v) {
          case OptionValue o -> o.value();
          case ResultValue r -> r.payload();
          case VariantValue vv -> vv.payload();
          default -> Optional.empty();
        };
    return p.orElseThrow(() -> new IllegalArgumentException("missing payload for " + t));
  }

  private static int index(List<String> names, String name, ValueType t) {
    int i = names.indexOf(name);
    if (i < 0) {
      throw new IllegalArgumentException("no case " + name + " in " + t);
    }
    return i;
  }

  private static List<Value> recordFields(Value v, RecordType r) {
    RecordValue rv = as(v, RecordValue.class, r);
    List<Value> out = new ArrayList<>(r.fields().size());
    for (RecordType.Field f : r.fields()) {
      out.add(
          rv.field(f.name())
              .orElseThrow(() -> new IllegalArgumentException("missing field " + f.name())));
    }
    return out;
  }

  private static List<Value> tupleElements(Value v, TupleType u) {
    List<Value> elements = as(v, TupleValue.class, u).elements();
    if (elements.size() != u.elements().size()) {
      throw new IllegalArgumentException("tuple arity mismatch for " + u);
    }
    return elements;
  }

  /** {@code pack_flags_into_int}, one word per 32 labels. */
  private static long[] flagWords(FlagsValue v, FlagsType f) {
    long[] words = new long[Layout.flagsWords(f.names().size())];
    for (String name : v.set()) {
      int i = f.indexOf(name);
      if (i < 0) {
        throw new IllegalArgumentException("no flag " + name + " in " + f);
      }
      words[i / 32] |= 1L << (i % 32);
    }
    return words;
  }

  private static long integer(Value v, PrimitiveType p) {
    return switch (p) {
      case BOOL -> as(v, BoolValue.class, p).value() ? 1 : 0;
      case S8 -> as(v, S8Value.class, p).value();
      case U8 -> as(v, U8Value.class, p).value();
      case S16 -> as(v, S16Value.class, p).value();
      case U16 -> as(v, U16Value.class, p).value();
      case S32 -> as(v, S32Value.class, p).value();
      case U32 -> as(v, U32Value.class, p).value();
      case S64 -> as(v, S64Value.class, p).value();
      case U64 -> as(v, U64Value.class, p).bits();
      case CHAR -> as(v, CharValue.class, p).codePoint();
      default -> throw new IllegalArgumentException(p.witName());
    };
  }

  /** NaNs are canonicalised on lowering too (the deterministic profile). */
  private static float f32(Value v, ValueType t) {
    float f = as(v, F32Value.class, t).value();
    return Float.isNaN(f) ? Float.intBitsToFloat(0x7fc00000) : f;
  }

  private static double f64(Value v, ValueType t) {
    double d = as(v, F64Value.class, t).value();
    return Double.isNaN(d) ? Double.longBitsToDouble(0x7ff8000000000000L) : d;
  }

  private static <V extends Value> V as(Value v, Class<V> kind, ValueType t) {
    if (!kind.isInstance(v)) {
      throw new IllegalArgumentException("expected a value of type " + t + ", got " + v);
    }
    return kind.cast(v);
  }
}
