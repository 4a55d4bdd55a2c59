package dev.brio.component.binary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Targeted invalid inputs: each names its offset and what was expected. */
class InvalidInputTest {

  private static ComponentFormatException fails(Bin bin) {
    return assertThrows(ComponentFormatException.class, () -> ComponentParser.parse(bin.toBytes()));
  }

  private static void assertProblem(ComponentFormatException e, long offset, String fragment) {
    assertTrue(
        e.problem().contains(fragment), "message '" + e.problem() + "' lacks '" + fragment + "'");
    assertEquals(offset, e.offset(), e.getMessage());
  }

  /** A type section with one type: the given bytes. */
  private static Bin withType(int... type) {
    return Bin.component().section(7, new Bin().u32(1).bytes(type));
  }

  @Test
  void emptyInput() {
    assertProblem(fails(new Bin()), 0, "expected the 8-byte preamble");
  }

  @Test
  void badMagic() {
    var e = fails(Bin.of(0x00, 0x61, 0x73, 0x6e, 0x0d, 0x00, 0x01, 0x00));
    assertProblem(e, 0, "expected the magic \\0asm (00 61 73 6d), found 00 61 73 6e");
  }

  @Test
  void badVersion() {
    var e = fails(Bin.of(0x00, 0x61, 0x73, 0x6d, 0x0c, 0x00, 0x01, 0x00));
    assertProblem(e, 4, "expected component binary version 0x0d, found 0xc");
  }

  @Test
  void coreModuleGivenWhereAComponentIsExpected() {
    var e = fails(Bin.of(0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00));
    assertProblem(e, 4, "expected a component (layer 1), found a core WebAssembly module (layer 0");
  }

  @Test
  void sectionLengthPastTheEnd() {
    var e = fails(Bin.component().bytes(0x07).u32(100).bytes(0x01, 0x73));
    assertProblem(e, 10, "expected section contents (100 bytes), 2 bytes left");
  }

  @Test
  void overlongLeb() {
    // section size as a 6-byte LEB128
    var e = fails(Bin.component().bytes(0x07, 0x80, 0x80, 0x80, 0x80, 0x80, 0x00));
    assertProblem(e, 9, "invalid LEB128 for section size: more than 5 bytes");
  }

  @Test
  void lebTooLargeForU32() {
    var e = fails(Bin.component().bytes(0x07, 0xff, 0xff, 0xff, 0xff, 0x7f));
    assertProblem(e, 9, "integer too large for u32");
  }

  @Test
  void countLargerThanTheRemainingBytes() {
    var e = fails(Bin.component().section(7, new Bin().u32(1_000_000).bytes(0x73)));
    assertProblem(e, 10, "types count 1000000 is larger than the 1 bytes left could hold");
  }

  @Test
  void hugeCountDoesNotAllocate() {
    var e = fails(Bin.component().section(7, new Bin().u32(0x7fff_ffffL)));
    assertProblem(e, 10, "types count 2147483647");
  }

  @Test
  void unknownSectionId() {
    var e = fails(Bin.component().bytes(13, 0));
    assertProblem(e, 8, "unknown section id 13");
  }

  @Test
  void unknownTypeOpcode() {
    var e = fails(withType(0x50));
    assertProblem(e, 11, "unknown type opcode 0x50");
  }

  @Test
  void outOfRangeIndex() {
    // (export "f" (func 0)) with no functions
    var e =
        fails(
            Bin.component()
                .section(11, new Bin().u32(1).bytes(0x00).name("f").bytes(0x01, 0x00, 0x00)));
    assertProblem(e, 15, "func index 0 is out of range: 0 defined");
  }

  @Test
  void wrongSortForATypeIndex() {
    // type 0 = string; (type (func (param "p" 0)...)) is fine, but canon lift with type 0 is not
    var bin =
        Bin.component()
            .section(7, new Bin().u32(1).bytes(0x73))
            .section(3, new Bin().u32(1).bytes(0x60, 0x00, 0x00)) // core type 0: [] -> []
            .section(
                8, new Bin().u32(1).bytes(0x00, 0x00, 0x00, 0x00, 0x00)); // lift core func 0 ...
    var e = fails(bin);
    assertProblem(e, 23, "core func index 0 is out of range");
  }

  @Test
  void typeMismatchInLift() {
    // core func from resource.drop of a resource type, then canon lift with a value type as its
    // type
    var bin =
        Bin.component()
            .section(7, new Bin().u32(2).bytes(0x3f, 0x7f, 0x00).bytes(0x73))
            .section(8, new Bin().u32(2).bytes(0x03, 0x00).bytes(0x00, 0x00, 0x00, 0x00, 0x01));
    var e = fails(bin);
    assertProblem(e, 24, "type index 1: expected a func type, found a value type");
  }

  @Test
  void ownOfANonResource() {
    var bin = Bin.component().section(7, new Bin().u32(2).bytes(0x73).bytes(0x69, 0x00));
    assertProblem(fails(bin), 13, "type index 0: expected a resource type, found a value type");
  }

  @Test
  void borrowInAResult() {
    var bin =
        Bin.component()
            .section(
                7,
                new Bin()
                    .u32(3)
                    .bytes(0x3f, 0x7f, 0x00) // 0: resource
                    .bytes(0x68, 0x00) // 1: borrow<0>
                    .bytes(0x40, 0x00, 0x00, 0x01)); // 2: func() -> 1
    assertProblem(fails(bin), 19, "a function result cannot contain a borrow");
  }

  @Test
  void moreThan32Flags() {
    Bin flags = new Bin().u32(1).bytes(0x6e).u32(33);
    for (int i = 0; i < 33; i++) {
      flags.name("f" + i);
    }
    assertProblem(
        fails(Bin.component().section(7, flags)), 11, "flags with 33 names: at most 32 allowed");
  }

  @Test
  void duplicateRecordField() {
    var bin = withType(0x72, 0x02, 0x01, 'a', 0x73, 0x01, 'a', 0x7f);
    assertProblem(fails(bin), 16, "duplicate field name 'a'");
  }

  @Test
  void labelThatIsNotKebabCase() {
    var bin = withType(0x6d, 0x01, 0x03, 'a', '_', 'b');
    assertProblem(fails(bin), 13, "enum case name 'a_b' is not a kebab-case label");
  }

  @Test
  void duplicateExportNamesAreNotStronglyUnique() {
    // two imports "a" and "A" of type (type (sub resource))
    var bin =
        Bin.component()
            .section(
                10,
                new Bin()
                    .u32(2)
                    .bytes(0x00)
                    .name("a")
                    .bytes(0x03, 0x01)
                    .bytes(0x00)
                    .name("A")
                    .bytes(0x03, 0x01));
    assertProblem(fails(bin), 16, "import name 'A' conflicts with an earlier import");
  }

  @Test
  void methodWithoutItsResource() {
    var bin =
        Bin.component()
            .section(7, new Bin().u32(1).bytes(0x40, 0x00, 0x01, 0x00))
            .section(10, new Bin().u32(1).bytes(0x00).name("[method]r.m").bytes(0x01, 0x00));
    assertProblem(fails(bin), 18, "no resource 'r' imported or exported before it");
  }

  @Test
  void badInterfaceName() {
    var bin =
        Bin.component()
            .section(
                10, new Bin().u32(1).bytes(0x00).name("wasi:io/streams@0.2").bytes(0x03, 0x01));
    assertProblem(fails(bin), 12, "expected MAJOR.MINOR.PATCH");
  }

  @Test
  void invalidUtf8InAName() {
    var bin =
        Bin.component()
            .section(10, new Bin().u32(1).bytes(0x00, 0x02, 0xc3, 0x28).bytes(0x03, 0x01));
    assertProblem(fails(bin), 12, "name is not valid UTF-8");
  }

  @ParameterizedTest
  @CsvSource({
    "9, task.return",
    "14, stream.new",
    "21, future.new",
    "10, context.get",
    "7, resource.drop async",
    "31, waitable-set.new",
    "38, thread.index",
    "64, thread.spawn-ref",
    "28, error-context.new"
  })
  void asyncAndThreadBuiltinsAreRefusedByName(int opcode, String name) {
    var e =
        assertThrows(
            UnsupportedFeatureException.class,
            () ->
                ComponentParser.parse(
                    Bin.component()
                        .section(8, new Bin().u32(1).bytes(opcode, 0, 0, 0, 0))
                        .toBytes()));
    assertEquals(name, e.feature());
    assertEquals(11, e.offset());
    assertTrue(e.getMessage().contains("'" + name + "'"), e.getMessage());
  }

  @Test
  void asyncOptionAndStreamTypesAreRefusedByName() {
    var stream =
        assertThrows(
            UnsupportedFeatureException.class,
            () -> ComponentParser.parse(withType(0x66, 0x00).toBytes()));
    assertEquals("stream", stream.feature());
    var asyncFunc =
        assertThrows(
            UnsupportedFeatureException.class,
            () -> ComponentParser.parse(withType(0x43, 0x00, 0x01, 0x00).toBytes()));
    assertEquals("async func type", asyncFunc.feature());
  }

  @Test
  void valueSectionIsRefused() {
    var e =
        assertThrows(
            UnsupportedFeatureException.class,
            () -> ComponentParser.parse(Bin.component().bytes(12, 0).toBytes()));
    assertEquals("value definitions", e.feature());
    assertEquals(8, e.offset());
  }

  @Test
  void valuesAreRefusedByName() {
    // (import "v" (value u32)): the externdesc 0x02 at 14
    var imported =
        assertThrows(
            UnsupportedFeatureException.class,
            () ->
                ComponentParser.parse(
                    Bin.component()
                        .section(10, new Bin().u32(1).bytes(0x00).name("v").bytes(0x02, 0x01, 0x79))
                        .toBytes()));
    assertEquals("value", imported.feature());
    assertEquals(14, imported.offset());
    // (export "x" (value 0)): the sort 0x02 at 14
    var exported =
        assertThrows(
            UnsupportedFeatureException.class,
            () ->
                ComponentParser.parse(
                    Bin.component()
                        .section(11, new Bin().u32(1).bytes(0x00).name("x").bytes(0x02, 0x00, 0x00))
                        .toBytes()));
    assertEquals("value", exported.feature());
    assertEquals(14, exported.offset());
  }

  @Test
  void coreModuleThatIsAComponent() {
    var e = fails(Bin.component().section(1, Bin.component()));
    assertProblem(e, 14, "expected a core module (layer 0), found a component (layer 1)");
  }

  @Test
  void missingCoreInstantiateArgument() throws Exception {
    byte[] upper = Fixtures.bytes("versioned");
    // the versioned fixture instantiates a module importing "host"; rename the argument
    String text = new String(upper, java.nio.charset.StandardCharsets.ISO_8859_1);
    int at = text.lastIndexOf("host");
    byte[] changed = upper.clone();
    changed[at] = 'g';
    var e = assertThrows(ComponentFormatException.class, () -> ComponentParser.parse(changed));
    assertTrue(e.problem().contains("imports 'host': no argument named so"), e.getMessage());
    assertTrue(Arrays.equals(upper, Fixtures.bytes("versioned")));
  }
}
