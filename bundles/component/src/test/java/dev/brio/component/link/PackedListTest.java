package dev.brio.component.link;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.brio.component.abi.Trap;
import dev.brio.component.binary.Fixtures;
import dev.brio.component.values.ListValue;
import dev.brio.component.values.S32Value;
import dev.brio.component.values.U32Value;
import dev.brio.component.values.Value;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Lists of 16-, 32- and 64-bit integers and of floats through a real guest (abi.wat): lowered into
 * guest memory and lifted back as one block each, in the layout the guest reads.
 */
class PackedListTest {
  private ComponentInstance abi;

  @BeforeEach
  void instantiate() throws Exception {
    abi = new Linker().instantiate(Fixtures.parse("abi"));
  }

  private ListValue echo(String name, ListValue list) {
    return (ListValue) abi.call(name, list).orElseThrow();
  }

  @Test
  void everyWidthComesBackUnchanged() {
    short[] shorts = {0, 1, -1, Short.MIN_VALUE, Short.MAX_VALUE};
    int[] ints = {0, 1, -1, Integer.MIN_VALUE, Integer.MAX_VALUE};
    long[] longs = {0, 1, -1, Long.MIN_VALUE, Long.MAX_VALUE};
    float[] floats = {0f, -0f, 1.5f, Float.MIN_VALUE, Float.NEGATIVE_INFINITY};
    double[] doubles = {0, -0.0, Math.PI, Double.MIN_VALUE, Double.POSITIVE_INFINITY};
    assertArrayEquals(shorts, echo("echo-u16s", ListValue.ofU16(shorts)).toU16Array().get());
    assertArrayEquals(shorts, echo("echo-s16s", ListValue.ofS16(shorts)).toS16Array().get());
    assertArrayEquals(ints, echo("echo-u32s", ListValue.ofU32(ints)).toU32Array().get());
    assertArrayEquals(ints, echo("echo-s32s", ListValue.ofS32(ints)).toS32Array().get());
    assertArrayEquals(longs, echo("echo-u64s", ListValue.ofU64(longs)).toU64Array().get());
    assertArrayEquals(longs, echo("echo-s64s", ListValue.ofS64(longs)).toS64Array().get());
    assertArrayEquals(floats, echo("echo-f32s", ListValue.ofF32(floats)).toF32Array().get());
    assertArrayEquals(doubles, echo("echo-f64s", ListValue.ofF64(doubles)).toF64Array().get());
  }

  @Test
  void theGuestReadsLittleEndianElements() {
    assertEquals(
        new U32Value(65535 + 2 + 3),
        abi.call("sum-u16s", ListValue.ofU16(new short[] {-1, 2, 3})).orElseThrow());
    assertEquals(
        new U32Value(0x0102_0304L + 0x1000_0000L),
        abi.call("sum-u32s", ListValue.ofU32(new int[] {0x0102_0304, 0x1000_0000})).orElseThrow());
  }

  @Test
  void emptyListsOfEveryWidth() {
    ListValue empty = new ListValue(List.of());
    for (String name :
        List.of(
            "echo-u16s",
            "echo-s16s",
            "echo-u32s",
            "echo-s32s",
            "echo-u64s",
            "echo-s64s",
            "echo-f32s",
            "echo-f64s")) {
      assertEquals(empty, echo(name, empty), name);
    }
    assertEquals(new U32Value(0), abi.call("sum-u32s", empty).orElseThrow());
  }

  @Test
  void aListLargeEnoughToGrowMemory() {
    assertEquals(new U32Value(1), abi.call("pages").orElseThrow());
    int[] ints = new int[300_000];
    for (int i = 0; i < ints.length; i++) {
      ints[i] = i * 31;
    }
    assertArrayEquals(ints, echo("echo-u32s", ListValue.ofU32(ints)).toU32Array().orElseThrow());
    assertTrue(((U32Value) abi.call("pages").orElseThrow()).value() >= 19, "1.2 MB grew memory");
  }

  @Test
  void nanPayloadsAreCanonicalisedBothWays() {
    float oddNan = Float.intBitsToFloat(0x7fc0_0001);
    double oddNan64 = Double.longBitsToDouble(0xfff8_0000_0000_0001L);
    float[] floats =
        echo("echo-f32s", ListValue.ofF32(new float[] {oddNan, 1f})).toF32Array().get();
    assertEquals(0x7fc0_0000, Float.floatToRawIntBits(floats[0]));
    assertEquals(1f, floats[1]);
    double[] doubles =
        echo("echo-f64s", ListValue.ofF64(new double[] {oddNan64})).toF64Array().get();
    assertEquals(0x7ff8_0000_0000_0000L, Double.doubleToRawLongBits(doubles[0]));
  }

  @Test
  void misalignedListsTrap() {
    assertTrap("misaligned-u16s", "list: pointer 0x1e9 is not aligned to 2");
    assertTrap("misaligned-list", "list: pointer 0x102 is not aligned to 4");
    assertTrap("misaligned-f32s", "list: pointer 0x102 is not aligned to 4");
    assertTrap("misaligned-u64s", "list: pointer 0x102 is not aligned to 8");
  }

  @Test
  void aListOfTheWrongElementTypeIsRefused() {
    List<Value> s32s = List.of(new S32Value(1));
    var e =
        assertThrows(
            IllegalArgumentException.class, () -> abi.call("echo-u32s", new ListValue(s32s)));
    assertTrue(e.getMessage().contains("expected a value of type U32"), e.getMessage());
  }

  private void assertTrap(String function, String expected) {
    Trap t = assertThrows(Trap.class, () -> abi.call(function));
    assertTrue(t.getMessage().contains(expected), () -> t.getMessage());
  }
}
