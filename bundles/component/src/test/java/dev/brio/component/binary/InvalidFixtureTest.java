package dev.brio.component.binary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Components written as text in components/fixtures/invalid: well-formed, but invalid. wasm-tools
 * (jco 1.35) rejects all but task-return the same way, at the same offsets for the missing export,
 * the missing argument, the unnamed resource and every type without an externally visible name.
 */
class InvalidFixtureTest {

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "alias-missing-export        | 35  | instance 0 has no export named 'g'",
        "export-ascription-mismatch  | 44  | export 'g' does not match its ascribed type: param 0:"
            + " expected name 'y', found 'x'",
        "instantiate-wrong-func-type | 203 | argument 'f' does not match the import: param 'x':"
            + " types differ",
        "lift-wrong-core-type        | 83  | canon lift: core func 0 has type [i64] -> [], the func"
            + " type flattens to [i32] -> []",
        "missing-instantiate-arg     | 57  | component 0 imports 'f' (func): no argument named so",
        "export-unnamed-resource     | 145 | export 'make' uses a resource type (resource) that"
            + " no import or export before it names",
        "export-unnamed-record       | 93  | export 'f': func not valid to be used as export: its"
            + " type uses a record type that no import or export before it names",
        "export-not-retroactive      | 106 | export 'f': func not valid to be used as export: its"
            + " type uses an enum type that no import or export before it names",
        "export-resource-original-index | 158 | export 'make': func not valid to be used as export:"
            + " its type uses a resource type (resource) that no import or export before it names",
        "import-uses-export-name     | 50  | import 'check': func not valid to be used as import:"
            + " its type uses a flags type that no import before it names",
        "import-instance-unnamed-record | 40 | import 'brio:test/host': instance not valid to be used"
            + " as import: its type uses a record type that no import before it names",
        "outer-alias-resource        | 30  | an outer alias across a component boundary cannot"
            + " refer to a resource type (type 0)",
        "resource-new-abstract       | 20  | resource.new needs a resource defined by this"
            + " component, type 0 is not",
        "task-return                 | 11  | unsupported feature 'task.return': async, threads and"
            + " error-context built-ins (P3) are not supported"
      })
  void rejected(String name, long offset, String problem) throws IOException {
    byte[] bytes = Files.readAllBytes(Fixtures.dir().resolve("invalid").resolve(name + ".wasm"));
    var e = assertThrows(ComponentFormatException.class, () -> ComponentParser.parse(bytes));
    assertEquals(problem, e.problem());
    assertEquals(offset, e.offset());
    if (name.equals("task-return")) {
      assertEquals("task.return", assertInstanceOf(UnsupportedFeatureException.class, e).feature());
    }
  }
}
