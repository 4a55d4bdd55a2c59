package dev.brio.component.types;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.brio.component.binary.Fixtures;
import org.junit.jupiter.api.Test;

class WitPrinterTest {

  @Test
  void upperWorld() throws Exception {
    assertEquals(
        """
        package root:component;

        world root {
          export upper: func(s: string) -> string;
        }
        """,
        WitPrinter.world(Fixtures.parse("upper").type()));
  }

  @Test
  void versionedImportsBecomePackages() throws Exception {
    String wit = WitPrinter.world(Fixtures.parse("versioned").type());
    for (String line :
        new String[] {
          "  import wasi:logging/logging@0.1.0-draft;",
          "  import wasi:io/streams@0.2.12;",
          "  import tick: func() -> u64;",
          "  export run: func() -> u64;",
          "package wasi:logging@0.1.0-draft {",
          "    log: func(level: level, context: string, message: string);",
          "package wasi:io@0.2.12 {",
          "    use wasi:io/error.{error};",
          "      last-operation-failed(error),",
          "      blocking-write-and-flush: func(contents: list<u8>) -> result<_, stream-error>;"
        }) {
      assertTrue(wit.contains(line + "\n"), "missing '" + line + "' in\n" + wit);
    }
  }

  @Test
  void resourceMembersAreGathered() throws Exception {
    String wit = WitPrinter.world(Fixtures.parse("resource").type());
    assertTrue(
        wit.contains(
            """
                resource counter {
                  constructor(start: u32);
                  get: func() -> u32;
                  zero: static func() -> counter;
                }
            """),
        wit);
  }

  @Test
  void namedTypesAreUsedByName() throws Exception {
    String wit = WitPrinter.world(Fixtures.parse("types").type());
    assertTrue(wit.contains("    points: func(ps: list<point>) -> tuple<u8, string>;\n"), wit);
    assertTrue(wit.contains("    a(option<result<u32, string>>),\n"), wit);
    assertTrue(wit.contains("    find: func(name: option<string>) -> result<u32, string>;\n"), wit);
  }
}
