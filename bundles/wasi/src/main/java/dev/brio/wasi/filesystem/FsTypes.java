package dev.brio.wasi.filesystem;

import dev.brio.component.types.EnumType;
import dev.brio.component.types.FlagsType;
import dev.brio.component.types.OptionType;
import dev.brio.component.types.PrimitiveType;
import dev.brio.component.types.RecordType;
import dev.brio.component.types.VariantType;
import dev.brio.component.values.EnumValue;
import dev.brio.component.values.FlagsValue;
import dev.brio.component.values.OptionValue;
import dev.brio.component.values.RecordValue;
import dev.brio.component.values.StringValue;
import dev.brio.component.values.U32Value;
import dev.brio.component.values.U64Value;
import dev.brio.component.values.Value;
import dev.brio.component.values.VariantValue;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The value types of {@code wasi:filesystem/types} (0.2.x), and the conversions between their
 * component values and this package's Java types. Case and flag order follows the WIT.
 */
final class FsTypes {
  private FsTypes() {}

  static final RecordType DATETIME =
      new RecordType(
          List.of(
              new RecordType.Field("seconds", PrimitiveType.U64),
              new RecordType.Field("nanoseconds", PrimitiveType.U32)));

  static final EnumType DESCRIPTOR_TYPE = new EnumType(witNames(DescriptorType.values()));
  static final FlagsType DESCRIPTOR_FLAGS = new FlagsType(witNames(DescriptorFlag.values()));
  static final FlagsType PATH_FLAGS = new FlagsType(List.of("symlink-follow"));
  static final FlagsType OPEN_FLAGS = new FlagsType(witNames(OpenFlag.values()));
  static final EnumType ERROR_CODE =
      new EnumType(Arrays.stream(ErrorCode.values()).map(ErrorCode::witName).toList());
  static final EnumType ADVICE = new EnumType(witNames(Advice.values()));

  static final RecordType DESCRIPTOR_STAT =
      new RecordType(
          List.of(
              new RecordType.Field("type", DESCRIPTOR_TYPE),
              new RecordType.Field("link-count", PrimitiveType.U64),
              new RecordType.Field("size", PrimitiveType.U64),
              new RecordType.Field("data-access-timestamp", new OptionType(DATETIME)),
              new RecordType.Field("data-modification-timestamp", new OptionType(DATETIME)),
              new RecordType.Field("status-change-timestamp", new OptionType(DATETIME))));

  static final VariantType NEW_TIMESTAMP =
      new VariantType(
          List.of(
              new VariantType.Case("no-change", Optional.empty()),
              new VariantType.Case("now", Optional.empty()),
              new VariantType.Case("timestamp", Optional.of(DATETIME))));

  static final RecordType DIRECTORY_ENTRY =
      new RecordType(
          List.of(
              new RecordType.Field("type", DESCRIPTOR_TYPE),
              new RecordType.Field("name", PrimitiveType.STRING)));

  static final RecordType METADATA_HASH_VALUE =
      new RecordType(
          List.of(
              new RecordType.Field("lower", PrimitiveType.U64),
              new RecordType.Field("upper", PrimitiveType.U64)));

  /** {@code FILE_INTEGRITY_SYNC} as {@code file-integrity-sync}. */
  static String witName(Enum<?> e) {
    return e.name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  private static List<String> witNames(Enum<?>[] values) {
    return Arrays.stream(values).map(FsTypes::witName).toList();
  }

  static <E extends Enum<E>> E enumCase(Class<E> type, Value v) {
    return Enum.valueOf(
        type, ((EnumValue) v).caseName().toUpperCase(Locale.ROOT).replace('-', '_'));
  }

  static <E extends Enum<E>> EnumSet<E> flags(Class<E> type, Value v) {
    EnumSet<E> out = EnumSet.noneOf(type);
    for (String name : ((FlagsValue) v).set()) {
      out.add(Enum.valueOf(type, name.toUpperCase(Locale.ROOT).replace('-', '_')));
    }
    return out;
  }

  static Value flagsValue(Set<? extends Enum<?>> set) {
    List<String> names = new ArrayList<>();
    for (Enum<?> e : set) {
      names.add(witName(e));
    }
    return new FlagsValue(names);
  }

  static boolean followSymlinks(Value pathFlags) {
    return ((FlagsValue) pathFlags).set().contains("symlink-follow");
  }

  static Value errorCode(ErrorCode code) {
    return new EnumValue(code.witName());
  }

  static Value descriptorType(DescriptorType t) {
    return new EnumValue(witName(t));
  }

  static Value datetime(Instant t) {
    // datetime counts seconds since the epoch as u64: a time before 1970 reads as the epoch
    boolean before = t.getEpochSecond() < 0;
    return new RecordValue(
        List.of(
            new RecordValue.Field("seconds", new U64Value(before ? 0 : t.getEpochSecond())),
            new RecordValue.Field("nanoseconds", new U32Value(before ? 0 : t.getNano()))));
  }

  private static Value optionalTime(Optional<Instant> t) {
    return t.map(i -> (Value) OptionValue.some(datetime(i))).orElse(OptionValue.none());
  }

  static Value stat(DescriptorStat s) {
    return new RecordValue(
        List.of(
            new RecordValue.Field("type", descriptorType(s.type())),
            new RecordValue.Field("link-count", new U64Value(s.linkCount())),
            new RecordValue.Field("size", new U64Value(s.size())),
            new RecordValue.Field("data-access-timestamp", optionalTime(s.dataAccess())),
            new RecordValue.Field(
                "data-modification-timestamp", optionalTime(s.dataModification())),
            new RecordValue.Field("status-change-timestamp", optionalTime(s.statusChange()))));
  }

  static Value entry(DirectoryEntry e) {
    return new RecordValue(
        List.of(
            new RecordValue.Field("type", descriptorType(e.type())),
            new RecordValue.Field("name", new StringValue(e.name()))));
  }

  static Value hash(MetadataHash h) {
    return new RecordValue(
        List.of(
            new RecordValue.Field("lower", new U64Value(h.lower())),
            new RecordValue.Field("upper", new U64Value(h.upper()))));
  }

  static NewTimestamp newTimestamp(Value v) throws FsException {
    VariantValue variant = (VariantValue) v;
    return switch (variant.caseName()) {
      case "no-change" -> NewTimestamp.NO_CHANGE;
      case "now" -> NewTimestamp.NOW;
      default -> {
        RecordValue dt = (RecordValue) variant.payload().orElseThrow();
        long seconds = ((U64Value) dt.field("seconds").orElseThrow()).bits();
        long nanos = ((U32Value) dt.field("nanoseconds").orElseThrow()).value();
        if (seconds < 0 || nanos >= 1_000_000_000L) {
          throw new FsException(
              ErrorCode.INVALID,
              "timestamp out of range: " + Long.toUnsignedString(seconds) + " s " + nanos + " ns");
        }
        yield new NewTimestamp.At(Instant.ofEpochSecond(seconds, nanos));
      }
    };
  }
}
