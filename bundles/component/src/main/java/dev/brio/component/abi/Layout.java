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
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Memory layout of values with 32-bit memories: {@code alignment}, {@code elem_size}, {@code
 * discriminant_type} and {@code despecialize} of CanonicalABI.md.
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

  /** Whether {@code t} despecializes to a variant. */
  public static boolean isVariant(ValueType t) {
    return t instanceof VariantType
        || t instanceof OptionType
        || t instanceof ResultType
        || t instanceof EnumType;
  }

  /** {@code alignment(t)}. */
  public static int alignment(ValueType t) {
    return switch (t) {
      case PrimitiveType p ->
          switch (p) {
            case BOOL, S8, U8 -> 1;
            case S16, U16 -> 2;
            case S32, U32, F32, CHAR, STRING -> 4;
            case S64, U64, F64 -> 8;
          };
      case ListType l -> 4;
      case OwnType o -> 4;
      case BorrowType b -> 4;
      case FlagsType f -> flagsSize(f.names().size()) >= 4 ? 4 : flagsSize(f.names().size());
      case RecordType r -> maxAlignment(fields(r));
      case TupleType u -> maxAlignment(fields(u));
      default -> Math.max(discriminantSize(cases(t).size()), maxCaseAlignment(cases(t)));
    };
  }

  /** {@code elem_size(t)}. */
  public static int elemSize(ValueType t) {
    return switch (t) {
      case PrimitiveType p ->
          switch (p) {
            case BOOL, S8, U8 -> 1;
            case S16, U16 -> 2;
            case S32, U32, F32, CHAR -> 4;
            case S64, U64, F64, STRING -> 8;
          };
      case ListType l -> 8;
      case OwnType o -> 4;
      case BorrowType b -> 4;
      case FlagsType f -> flagsSize(f.names().size());
      case RecordType r -> recordSize(fields(r));
      case TupleType u -> recordSize(fields(u));
      default -> variantSize(cases(t));
    };
  }

  /** The byte offsets of the fields of a record-like type ({@code load_record}'s walk). */
  public static int[] fieldOffsets(List<ValueType> fields) {
    int[] offsets = new int[fields.size()];
    int s = 0;
    for (int i = 0; i < fields.size(); i++) {
      s = alignTo(s, alignment(fields.get(i)));
      offsets[i] = s;
      s += elemSize(fields.get(i));
    }
    return offsets;
  }

  /** The byte size of a variant's discriminant ({@code discriminant_type}): 1, 2 or 4. */
  public static int discriminantSize(int caseCount) {
    if (caseCount <= 0x100) {
      return 1;
    }
    return caseCount <= 0x10000 ? 2 : 4;
  }

  /** Where a variant's payload starts, relative to the variant. */
  public static int payloadOffset(List<Optional<ValueType>> cases) {
    return alignTo(discriminantSize(cases.size()), maxCaseAlignment(cases));
  }

  /** {@code max_case_alignment}. */
  public static int maxCaseAlignment(List<Optional<ValueType>> cases) {
    int a = 1;
    for (Optional<ValueType> c : cases) {
      if (c.isPresent()) {
        a = Math.max(a, alignment(c.get()));
      }
    }
    return a;
  }

  /** The byte size of flags: 1, 2 or 4 up to 32 labels, then 4 per 32 labels. */
  public static int flagsSize(int labels) {
    if (labels <= 8) {
      return 1;
    }
    if (labels <= 16) {
      return 2;
    }
    return 4 * flagsWords(labels);
  }

  /** How many i32 values hold the flags. */
  public static int flagsWords(int labels) {
    return (labels + 31) / 32;
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

  private static int maxAlignment(List<ValueType> fields) {
    int a = 1;
    for (ValueType f : fields) {
      a = Math.max(a, alignment(f));
    }
    return a;
  }

  private static int recordSize(List<ValueType> fields) {
    int s = 0;
    for (ValueType f : fields) {
      s = alignTo(s, alignment(f));
      s += elemSize(f);
    }
    return alignTo(s, maxAlignment(fields));
  }

  private static int variantSize(List<Optional<ValueType>> cases) {
    int s = payloadOffset(cases);
    int cs = 0;
    for (Optional<ValueType> c : cases) {
      if (c.isPresent()) {
        cs = Math.max(cs, elemSize(c.get()));
      }
    }
    s += cs;
    return alignTo(s, Math.max(discriminantSize(cases.size()), maxCaseAlignment(cases)));
  }
}
