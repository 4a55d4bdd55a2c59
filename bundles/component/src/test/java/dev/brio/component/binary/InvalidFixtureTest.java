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
 * (jco 1.35) rejects all but task-return, start-function and value-import (gated features Brio
 * refuses by name; jco's wasm-tools parses them) the same way, at the same offsets for the missing
 * export, the missing argument, the unnamed resource, every type without an externally visible name
 * (in a component's imports and exports and in a component type's, where wasm-tools reports the
 * offset of the whole type definition) and the resource type of one instance offered for another's.
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
        "instantiate-other-instance-resource | 307 | argument 'get' does not match the import:"
            + " param 'self': types differ",
        "component-type-export-unnamed-record | 11 | component type: export 'f': func not valid"
            + " to be used as export: its type uses a record type that no import or export before"
            + " it names",
        "component-type-import-uses-export | 11 | component type: import 'make': func not valid to"
            + " be used as import: its type uses a resource type (r) that no import before it"
            + " names",
        "component-type-nested-instance-unnamed | 11 | component type: export 'i': instance not"
            + " valid to be used as export: its type uses an enum type that no import or export"
            + " before it names",
        "instance-type-export-not-named | 56 | import 'colors': instance not valid to be used as"
            + " import: its type uses an enum type that no import before it names",
        "outer-alias-resource        | 30  | an outer alias across a component boundary cannot"
            + " refer to a resource type (type 0)",
        "resource-new-abstract       | 20  | resource.new needs a resource defined by this"
            + " component, type 0 is not",
        "task-return                 | 11  | unsupported feature 'task.return': async, threads and"
            + " error-context built-ins (P3) are not supported",
        "start-function              | 82  | unsupported feature 'start': component start"
            + " functions (🪙) are not supported",
        "value-import                | 14  | unsupported feature 'value': value imports and exports"
            + " (🪙) are not supported"
      })
  void rejected(String name, long offset, String problem) throws IOException {
    byte[] bytes = Files.readAllBytes(Fixtures.dir().resolve("invalid").resolve(name + ".wasm"));
    var e = assertThrows(ComponentFormatException.class, () -> ComponentParser.parse(bytes));
    assertEquals(problem, e.problem());
    assertEquals(offset, e.offset());
    String feature =
        switch (name) {
          case "task-return" -> "task.return";
          case "start-function" -> "start";
          case "value-import" -> "value";
          default -> null;
        };
    if (feature != null) {
      assertEquals(feature, assertInstanceOf(UnsupportedFeatureException.class, e).feature());
    }
  }
}
