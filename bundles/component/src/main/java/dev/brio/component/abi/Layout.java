package dev.brio.component.abi;

import dev.brio.component.types.EnumType;
import dev.brio.component.types.OptionType;
import dev.brio.component.types.RecordType;
import dev.brio.component.types.ResultType;
import dev.brio.component.types.TupleType;
import dev.brio.component.types.ValueType;
import dev.brio.component.types.VariantType;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The layout rules of CanonicalABI.md for 32-bit memories that {@code TypePlan}s are built from:
 * {@code despecialize}, {@code discriminant_type}, {@code align_to} and the size of flags.
 *
 * <p>Flags with more than 32 labels (beyond Binary.md's limit, which the validator enforces) are
 * laid out as one {@code i32} per 32 labels, as earlier versions of the spec did.
 */
public final class Layout {
  /** {@code MAX_LIST_BYTE_LENGTH}. */
  public static final long MAX_LIST_BYTE_LENGTH = (1L << 28) - 1;

  private Layout() {}

  /** The cases of a variant-like type (option, result, enum, variant), after despecialize. */
  public static List<Optional<ValueType>> cases(ValueType t) {
    return switch (t) {
      case VariantType v -> v.cases().stream().map(VariantType.Case::payload).toList();
      case OptionType o -> List.of(Optional.empty(), Optional.of(o.payload()));
      case ResultType r -> List.of(r.ok(), r.error());
      case EnumType e -> e.cases().stream().map(c -> Optional.<ValueType>empty()).toList();
      default -> throw new IllegalArgumentException("not a variant: " + t);
    };
  }

  /** The field types of a record-like type (record, tuple), after despecialize. */
  public static List<ValueType> fields(ValueType t) {
    return switch (t) {
      case RecordType r -> r.fields().stream().map(RecordType.Field::type).toList();
      case TupleType u -> u.elements();
      default -> throw new IllegalArgumentException("not a record: " + t);
    };
  }

  /** The byte size of a variant's discriminant ({@code discriminant_type}): 1, 2 or 4. */
  public static int discriminantSize(int caseCount) {
    if (caseCount <= 0x100) {
      return 1;
    }
    return caseCount <= 0x10000 ? 2 : 4;
  }

  /** The byte size of flags: 1, 2 or 4 ({@code elem_size_flags}; at most 32 labels). */
  public static int flagsSize(int labels) {
    if (labels <= 8) {
      return 1;
    }
    return labels <= 16 ? 2 : 4;
  }

  /** {@code align_to(ptr, alignment)} on non-negative values. */
  public static long alignTo(long ptr, int alignment) {
    return (ptr + alignment - 1) / alignment * alignment;
  }

  static int alignTo(int ptr, int alignment) {
    return (int) alignTo((long) ptr, alignment);
  }

  /** The tuple of a function's parameter or result types, for spilling them to memory. */
  public static TupleType tuple(List<ValueType> types) {
    return new TupleType(new ArrayList<>(types));
  }
}
