package dev.brio.component.binary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.brio.component.types.FuncType;
import org.junit.jupiter.api.Test;

/**
 * Inputs that are small but describe deep or huge structures end in the typed exception, not in a
 * stack overflow or an exponential walk.
 */
class LimitsTest {

  private static ComponentFormatException fails(byte[] bytes) {
    return assertThrows(ComponentFormatException.class, () -> ComponentParser.parse(bytes));
  }

  @Test
  void deeplyNestedComponents() {
    Bin inner = Bin.component();
    for (int i = 0; i < 150; i++) {
      inner = Bin.component().section(4, inner);
    }
    var e = fails(inner.toBytes());
    assertTrue(e.problem().contains("components nested more than 100 levels deep"), e.getMessage());
  }

  @Test
  void deeplyNestedValueTypes() {
    // type 0 = u8, type i+1 = list<type i>
    Bin types = new Bin().u32(200).bytes(0x7d);
    for (int i = 0; i < 199; i++) {
      types.bytes(0x70).s33(i);
    }
    var e = fails(Bin.component().section(7, types).toBytes());
    assertTrue(
        e.problem().contains("type nested too deeply: more than 100 levels"), e.getMessage());
  }

  @Test
  void typesThatDoubleInSizeAtEachStep() {
    // type 0 = u8, type i+1 = tuple<type i, type i>: 2^n leaves from a few bytes
    Bin types = new Bin().u32(40).bytes(0x7d);
    for (int i = 0; i < 39; i++) {
      types.bytes(0x6f, 0x02).s33(i).s33(i);
    }
    var e = fails(Bin.component().section(7, types).toBytes());
    assertTrue(e.problem().contains("type too large"), e.getMessage());
  }

  @Test
  void deeplyNestedInstanceTypes() {
    // (type (instance (type (instance (type ... )))))
    Bin t = new Bin().bytes(0x42, 0x00);
    for (int i = 0; i < 150; i++) {
      t = new Bin().bytes(0x42, 0x01, 0x01).bytes(t.toBytes());
    }
    var e = fails(Bin.component().section(7, new Bin().u32(1).bytes(t.toBytes())).toBytes());
    assertTrue(e.problem().contains("types nested more than 100 levels deep"), e.getMessage());
  }

  @Test
  void startFunctionIsRefusedByName() {
    // a func type () -> u32 with a core module to lift, then (start 0 (result (value))): 🪙
    Bin lifted = withLift();
    int at = lifted.size();
    var e =
        assertThrows(
            UnsupportedFeatureException.class,
            () ->
                ComponentParser.parse(lifted.section(9, new Bin().u32(0).u32(0).u32(1)).toBytes()));
    assertEquals("start", e.feature());
    assertEquals(at, e.offset());
  }

  private static Bin withLift() {
    Bin core =
        new Bin()
            .bytes(0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00)
            .section(1, new Bin().u32(1).bytes(0x60, 0x00, 0x01, 0x7f))
            .section(3, new Bin().u32(1).u32(0))
            .section(7, new Bin().u32(1).name("f").bytes(0x00).u32(0))
            .section(10, new Bin().u32(1).u32(4).bytes(0x00, 0x41, 0x00, 0x0b));
    return Bin.component()
        .section(1, core)
        .section(2, new Bin().u32(1).bytes(0x00).u32(0).u32(0))
        .section(6, new Bin().u32(1).bytes(0x00, 0x00, 0x01).u32(0).name("f"))
        .section(7, new Bin().u32(1).bytes(0x40, 0x00, 0x00, 0x79))
        .section(8, new Bin().u32(1).bytes(0x00, 0x00).u32(0).u32(0).u32(0));
  }

  @Test
  void liftedFunctionType() throws Exception {
    FuncType t =
        ComponentParser.parse(withLift().toBytes())
            .definitions(Definition.CanonLift.class)
            .getFirst()
            .type();
    assertEquals(0, t.params().size());
  }
}
