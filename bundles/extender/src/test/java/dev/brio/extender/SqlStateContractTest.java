package dev.brio.extender;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.brio.api.state.SqlErrorKind;
import dev.brio.component.types.VariantType;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * wit/state.wit is the contract. The supervisor-sql fixture is built from a copy of it, and the
 * linker compares that fixture's import with {@link SqlStateTypes} type for type (see {@link
 * SqlStateImportTest}); these checks tie the copy and the Java enums to the file itself.
 */
class SqlStateContractTest {
  private static final Path STATE = Path.of("../../wit/state.wit");
  private static final Path FIXTURE = Path.of("../../components/fixtures/core/supervisor-sql.wit");

  /** The text between {@code <head> {} and its closing brace, without comments or layout. */
  private static String body(Path file, String head) throws IOException {
    String wit = Files.readString(file).replaceAll("//[^\n]*", "");
    int start = wit.indexOf(head + " {");
    assertEquals(true, start >= 0, "no " + head + " in " + file);
    int depth = 0;
    for (int i = wit.indexOf('{', start); ; i++) {
      char c = wit.charAt(i);
      depth += c == '{' ? 1 : c == '}' ? -1 : 0;
      if (depth == 0) {
        return wit.substring(wit.indexOf('{', start) + 1, i).replaceAll("\\s+", " ").strip();
      }
    }
  }

  /** The case names of an enum or variant body: {@code a, b(t), c,} gives a, b, c. */
  private static List<String> cases(String body) {
    return Arrays.stream(body.split(","))
        .map(String::strip)
        .filter(c -> !c.isEmpty())
        .map(c -> Pattern.compile("\\(.*").matcher(c).replaceFirst(""))
        .toList();
  }

  @Test
  void theFixturesSqlStateIsTheContracts() throws IOException {
    assertEquals(body(STATE, "interface sql-state"), body(FIXTURE, "interface sql-state"));
  }

  @Test
  void errorKindsAreTheWitsInTheWitsOrder() throws IOException {
    List<String> wit = cases(body(STATE, "enum error-kind"));
    assertEquals(wit, SqlStateTypes.ERROR_KIND.cases());
    for (SqlErrorKind kind : SqlErrorKind.values()) {
      assertEquals(wit.get(kind.ordinal()), SqlStateValues.kindName(kind), kind.toString());
    }
    assertEquals(wit.size(), SqlErrorKind.values().length);
  }

  @Test
  void sqlValueCasesAreTheWitsInTheWitsOrder() throws IOException {
    assertEquals(
        cases(body(STATE, "variant sql-value")),
        SqlStateTypes.SQL_VALUE.cases().stream().map(VariantType.Case::name).toList());
  }
}
