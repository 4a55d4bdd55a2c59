package dev.brio.component.binary;

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
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Facts about value types, computed once per type object: the size of the type written out as a
 * tree (types are DAGs, so a small binary can describe a huge type; bounding it keeps printing and
 * comparing linear), its nesting depth (bounded, so recursive walks stay far from the stack's end),
 * and whether a borrow occurs in it.
 */
final class TypeChecks {
  /** Like wasm-tools' limit on a type's effective size. */
  static final long MAX_TYPE_SIZE = 1_000_000;

  static final int MAX_TYPE_DEPTH = 100;

  private record Info(long size, int depth, boolean hasBorrow, boolean hasListOrString) {}

  private final Map<ValueType, Info> infos = new IdentityHashMap<>();

  /** Checks a newly built type against the limits. */
  void register(ValueType t, int offset) throws ComponentFormatException {
    Info i = info(t);
    if (i.size > MAX_TYPE_SIZE) {
      throw new ComponentFormatException(
          offset, "type too large: its effective size exceeds " + MAX_TYPE_SIZE);
    }
    if (i.depth > MAX_TYPE_DEPTH) {
      throw new ComponentFormatException(
          offset, "type nested too deeply: more than " + MAX_TYPE_DEPTH + " levels");
    }
  }

  boolean hasBorrow(ValueType t) {
    return info(t).hasBorrow;
  }

  /** Whether lifting or lowering the type touches linear memory (CanonicalABI.md, canonopt). */
  boolean hasListOrString(ValueType t) {
    return info(t).hasListOrString;
  }

  private Info info(ValueType t) {
    Info cached = infos.get(t);
    if (cached != null) {
      return cached;
    }
    long size = 1;
    int depth = 1;
    boolean borrow = t instanceof BorrowType;
    boolean memory = t instanceof ListType || t == PrimitiveType.STRING;
    // Children were checked when they were built, so this recursion is at most MAX_TYPE_DEPTH deep.
    for (ValueType child : children(t)) {
      Info c = info(child);
      size = Math.min(size + c.size, Long.MAX_VALUE / 2);
      depth = Math.max(depth, c.depth + 1);
      borrow |= c.hasBorrow;
      memory |= c.hasListOrString;
    }
    Info i = new Info(size, depth, borrow, memory);
    infos.put(t, i);
    return i;
  }

  private static List<ValueType> children(ValueType t) {
    return switch (t) {
      case PrimitiveType p -> List.of();
      case ListType l -> List.of(l.element());
      case RecordType r -> r.fields().stream().map(RecordType.Field::type).toList();
      case TupleType u -> u.elements();
      case VariantType v -> v.cases().stream().flatMap(c -> c.payload().stream()).toList();
      case EnumType e -> List.of();
      case OptionType o -> List.of(o.payload());
      case ResultType r -> Stream.concat(r.ok().stream(), r.error().stream()).toList();
      case FlagsType f -> List.of();
      case OwnType o -> List.of();
      case BorrowType b -> List.of();
    };
  }
}
