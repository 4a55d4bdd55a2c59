package dev.brio.component.abi;

import com.dylibso.chicory.runtime.Memory;
import dev.brio.component.binary.Flattening;
import dev.brio.component.types.CoreValType;
import dev.brio.component.types.EnumType;
import dev.brio.component.types.OptionType;
import dev.brio.component.types.ResultType;
import dev.brio.component.types.ValueType;
import dev.brio.component.types.VariantType;
import dev.brio.component.values.EnumValue;
import dev.brio.component.values.OptionValue;
import dev.brio.component.values.ResultValue;
import dev.brio.component.values.Value;
import dev.brio.component.values.VariantValue;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code variant}, {@code enum}, {@code option} and {@code result} (despecialized to variants): a
 * discriminant, then the case's payload at a fixed offset, or in the payload slots joined across
 * cases when flat.
 */
final class VariantPlan implements TypePlan {
  private final ValueType type;
  private final List<Optional<TypePlan>> cases;
  private final Map<String, Integer> caseIndex = new HashMap<>();
  private final int discriminantSize;
  private final int payloadOffset;
  private final int size;
  private final int alignment;
  private final CoreValType[] flat;

  /**
   * Per case, the flat payload positions whose i32 or f32 value sits in an i64 slot: lowering
   * zero-extends those ({@code CoerceValueIter}).
   */
  private final boolean[][] zeroExtend;

  VariantPlan(ValueType type, List<Optional<TypePlan>> cases) {
    this.type = type;
    this.cases = cases;
    List<String> names =
        switch (type) {
          case VariantType v -> v.cases().stream().map(VariantType.Case::name).toList();
          case EnumType e -> e.cases();
          default -> List.of();
        };
    for (int i = 0; i < names.size(); i++) {
      caseIndex.putIfAbsent(names.get(i), i);
    }
    this.discriminantSize = Layout.discriminantSize(cases.size());
    int maxCaseAlignment = 1;
    int maxCaseSize = 0;
    for (Optional<TypePlan> c : cases) {
      if (c.isPresent()) {
        maxCaseAlignment = Math.max(maxCaseAlignment, c.get().alignment());
        maxCaseSize = Math.max(maxCaseSize, c.get().size());
      }
    }
    this.payloadOffset = Layout.alignTo(discriminantSize, maxCaseAlignment);
    this.alignment = Math.max(discriminantSize, maxCaseAlignment);
    this.size = Layout.alignTo(payloadOffset + maxCaseSize, alignment);
    this.flat = join(cases);
    this.zeroExtend = new boolean[cases.size()][];
    for (int c = 0; c < cases.size(); c++) {
      CoreValType[] have = cases.get(c).map(TypePlan::flat).orElse(new CoreValType[0]);
      zeroExtend[c] = new boolean[have == null ? 0 : have.length];
      for (int i = 0; flat != null && i < zeroExtend[c].length; i++) {
        zeroExtend[c][i] =
            flat[i + 1] == CoreValType.I64
                && (have[i] == CoreValType.I32 || have[i] == CoreValType.F32);
      }
    }
  }

  /** {@code flatten_variant}: the discriminant, then the payloads joined position by position. */
  private static CoreValType[] join(List<Optional<TypePlan>> cases) {
    List<CoreValType> joined = new ArrayList<>();
    joined.add(CoreValType.I32);
    for (Optional<TypePlan> c : cases) {
      if (c.isEmpty()) {
        continue;
      }
      CoreValType[] f = c.get().flat();
      if (f == null) {
        return null;
      }
      for (int i = 0; i < f.length; i++) {
        if (i + 1 < joined.size()) {
          joined.set(i + 1, Flattening.join(joined.get(i + 1), f[i]));
        } else {
          joined.add(f[i]);
        }
      }
    }
    return joined.size() > FlatTypes.MAX_FLAT_PARAMS ? null : joined.toArray(CoreValType[]::new);
  }

  @Override
  public int size() {
    return size;
  }

  @Override
  public int alignment() {
    return alignment;
  }

  @Override
  public CoreValType[] flat() {
    return flat;
  }

  @Override
  public Value liftFlat(AbiContext cx, FlatReader in) {
    int end = in.position() + flat.length;
    int c = checkCase(in.nextU32());
    // the payload's values sit in the joined slots; in Chicory's long form reading a slot as the
    // case's own type is exactly the spec's CoerceValueIter (wrap, reinterpret)
    Optional<Value> payload = cases.get(c).map(p -> p.liftFlat(cx, in));
    in.skipTo(end);
    return value(c, payload);
  }

  @Override
  public Value load(AbiContext cx, int p) {
    Memory m = cx.memory();
    long discriminant =
        switch (discriminantSize) {
          case 1 -> m.read(p) & 0xffL;
          case 2 -> m.readShort(p) & 0xffffL;
          default -> Integer.toUnsignedLong(m.readInt(p));
        };
    int c = checkCase(discriminant);
    return value(c, cases.get(c).map(pt -> pt.load(cx, p + payloadOffset)));
  }

  @Override
  public void lowerFlat(AbiContext cx, Value v, FlatWriter out) {
    int c = caseOf(v);
    int start = out.size();
    out.add(c);
    Optional<TypePlan> payloadType = cases.get(c);
    if (payloadType.isPresent()) {
      int first = out.size();
      payloadType.get().lowerFlat(cx, payload(v), out);
      boolean[] widen = zeroExtend[c];
      for (int i = 0; i < widen.length; i++) {
        if (widen[i]) {
          out.set(first + i, out.get(first + i) & 0xffff_ffffL);
        }
      }
    }
    for (int i = out.size() - start; i < flat.length; i++) {
      out.add(0L);
    }
  }

  @Override
  public void store(AbiContext cx, Value v, int p) {
    Memory m = cx.memory();
    int c = caseOf(v);
    switch (discriminantSize) {
      case 1 -> m.writeByte(p, (byte) c);
      case 2 -> m.writeShort(p, (short) c);
      default -> m.writeI32(p, c);
    }
    Optional<TypePlan> payloadType = cases.get(c);
    if (payloadType.isPresent()) {
      payloadType.get().store(cx, payload(v), p + payloadOffset);
    }
  }

  private int checkCase(long c) {
    Trap.trapIf(
        c >= cases.size(),
        () ->
            "invalid discriminant "
                + c
                + " for "
                + describe()
                + " with "
                + cases.size()
                + " cases");
    return (int) c;
  }

  private String describe() {
    return switch (type) {
      case OptionType o -> "option";
      case ResultType r -> "result";
      case EnumType e -> "enum";
      default -> "variant";
    };
  }

  private Value value(int c, Optional<Value> payload) {
    return switch (type) {
      case OptionType o -> new OptionValue(payload);
      case ResultType r -> new ResultValue(c == 0, payload);
      case EnumType e -> new EnumValue(e.cases().get(c));
      case VariantType v -> new VariantValue(v.cases().get(c).name(), payload);
      default -> throw new IllegalStateException("not a variant: " + type);
    };
  }

  private int caseOf(Value v) {
    return switch (type) {
      case OptionType o -> TypePlan.as(v, OptionValue.class, type).value().isPresent() ? 1 : 0;
      case ResultType r -> TypePlan.as(v, ResultValue.class, type).isOk() ? 0 : 1;
      case EnumType e -> named(TypePlan.as(v, EnumValue.class, type).caseName());
      case VariantType vt -> named(TypePlan.as(v, VariantValue.class, type).caseName());
      default -> throw new IllegalStateException("not a variant: " + type);
    };
  }

  private int named(String name) {
    Integer i = caseIndex.get(name);
    if (i == null) {
      throw new IllegalArgumentException("no case " + name + " in " + type);
    }
    return i;
  }

  private Value payload(Value v) {
    Optional<Value> p =
        switch (v) {
          case OptionValue o -> o.value();
          case ResultValue r -> r.payload();
          case VariantValue vv -> vv.payload();
          default -> Optional.empty();
        };
    return p.orElseThrow(() -> new IllegalArgumentException("missing payload for " + type));
  }
}
