package dev.brio.wasi.filesystem;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.brio.component.values.RecordValue;
import dev.brio.component.values.U32Value;
import dev.brio.component.values.U64Value;
import dev.brio.component.values.VariantValue;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The Java type constants against the WIT they stand for (jco's 0.2.12 wasi-filesystem). */
class FsTypesTest {
  private static final Path WIT =
      Path.of(
          "../../components/node_modules/@bytecodealliance/jco/lib/wit/builtin/0.2.12",
          "wasi-filesystem/package.wit");

  /** The case or flag names of {@code kind name { ... }} in the WIT, in order. */
  private static List<String> cases(String kind, String name) throws IOException {
    String wit = Files.readString(WIT).replaceAll("(?m)^\\s*///.*$", "");
    Matcher m = Pattern.compile(kind + " " + name + " \\{([^}]*)}").matcher(wit);
    if (!m.find()) {
      throw new AssertionError(kind + " " + name + " not in " + WIT);
    }
    List<String> out = new ArrayList<>();
    for (String part : m.group(1).split(",")) {
      String c = part.strip();
      if (!c.isEmpty()) {
        out.add(c.replaceAll("\\(.*", ""));
      }
    }
    return out;
  }

  @Test
  void enumsAndFlagsMatchTheWit() throws IOException {
    assertEquals(cases("enum", "error-code"), FsTypes.ERROR_CODE.cases());
    assertEquals(cases("enum", "descriptor-type"), FsTypes.DESCRIPTOR_TYPE.cases());
    assertEquals(cases("enum", "advice"), FsTypes.ADVICE.cases());
    assertEquals(cases("flags", "descriptor-flags"), FsTypes.DESCRIPTOR_FLAGS.names());
    assertEquals(cases("flags", "open-flags"), FsTypes.OPEN_FLAGS.names());
    assertEquals(cases("flags", "path-flags"), FsTypes.PATH_FLAGS.names());
    assertEquals(
        cases("variant", "new-timestamp"),
        FsTypes.NEW_TIMESTAMP.cases().stream().map(c -> c.name()).toList());
  }

  private static VariantValue timestamp(long seconds, long nanos) {
    return new VariantValue(
        "timestamp",
        Optional.of(
            new RecordValue(
                List.of(
                    new RecordValue.Field("seconds", new U64Value(seconds)),
                    new RecordValue.Field("nanoseconds", new U32Value(nanos))))));
  }

  @Test
  void newTimestampsConvertAndOutOfRangeOnesAreInvalid() throws FsException {
    assertEquals(
        new NewTimestamp.At(Instant.ofEpochSecond(1234, 5)),
        FsTypes.newTimestamp(timestamp(1234, 5)));
    assertEquals(NewTimestamp.NOW, FsTypes.newTimestamp(new VariantValue("now", Optional.empty())));
    FsException e =
        assertThrows(FsException.class, () -> FsTypes.newTimestamp(timestamp(1, 1_000_000_000)));
    assertEquals(ErrorCode.INVALID, e.code());
    e = assertThrows(FsException.class, () -> FsTypes.newTimestamp(timestamp(-1, 0)));
    assertEquals(ErrorCode.INVALID, e.code());
  }
}
