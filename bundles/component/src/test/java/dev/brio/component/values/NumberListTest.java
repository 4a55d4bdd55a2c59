package dev.brio.component.values;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.brio.component.types.ListType;
import dev.brio.component.types.PrimitiveType;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Lists of 16-, 32- and 64-bit integers and of floats are held as primitive arrays, yet look like
 * lists of value objects everywhere: elements, equality, hashing and WAVE.
 */
class NumberListTest {

  /** Each packed list beside the same list built from value objects. */
  private static List<ListValue[]> pairs() {
    return List.of(
        pair(
            ListValue.ofU16(new short[] {0, 1, (short) 65535}),
            new U16Value(0),
            new U16Value(1),
            new U16Value(65535)),
        pair(
            ListValue.ofS16(new short[] {-32768, -1, 7}),
            new S16Value((short) -32768),
            new S16Value((short) -1),
            new S16Value((short) 7)),
        pair(ListValue.ofU32(new int[] {0, -1}), new U32Value(0), new U32Value(0xffff_ffffL)),
        pair(
            ListValue.ofS32(new int[] {Integer.MIN_VALUE, 5}),
            new S32Value(Integer.MIN_VALUE),
            new S32Value(5)),
        pair(ListValue.ofU64(new long[] {-1L, 2}), new U64Value(-1L), new U64Value(2)),
        pair(
            ListValue.ofS64(new long[] {Long.MIN_VALUE, 3}),
            new S64Value(Long.MIN_VALUE),
            new S64Value(3)),
        pair(
            ListValue.ofF32(new float[] {-0.0f, 1.5f, Float.NaN}),
            new F32Value(-0.0f),
            new F32Value(1.5f),
            new F32Value(Float.NaN)),
        pair(
            ListValue.ofF64(new double[] {Math.PI, Double.NEGATIVE_INFINITY}),
            new F64Value(Math.PI),
            new F64Value(Double.NEGATIVE_INFINITY)));
  }

  private static ListValue[] pair(ListValue packed, Value... objects) {
    return new ListValue[] {packed, new ListValue(List.of(objects))};
  }

  @Test
  void aPackedListEqualsOneBuiltFromValueObjects() {
    for (ListValue[] p : pairs()) {
      assertEquals(p[1], p[0]);
      assertEquals(p[0], p[1]);
      assertEquals(p[1].hashCode(), p[0].hashCode());
      assertEquals(List.copyOf(p[1].elements()), List.copyOf(p[0].elements()));
      assertEquals(Wave.print(p[1]), Wave.print(p[0]));
    }
  }

  @Test
  void theArrayComesBackOnlyForItsOwnElementType() {
    ListValue u32 = new ListValue(List.of(new U32Value(0xffff_ffffL), new U32Value(1)));
    assertArrayEquals(new int[] {-1, 1}, u32.toU32Array().orElseThrow());
    assertTrue(u32.toS32Array().isEmpty());
    assertTrue(u32.toU8Array().isEmpty());
    assertTrue(u32.toU64Array().isEmpty());
    ListValue s32 = ListValue.ofS32(new int[] {-1, 1});
    assertNotEquals(u32, s32);
    assertArrayEquals(new short[] {-1}, ListValue.ofU16(new short[] {-1}).toU16Array().get());
    assertArrayEquals(new long[] {-1}, ListValue.ofS64(new long[] {-1}).toS64Array().get());
    assertArrayEquals(new double[] {0.5}, ListValue.ofF64(new double[] {0.5}).toF64Array().get());
    assertArrayEquals(new float[] {0.5f}, ListValue.ofF32(new float[] {0.5f}).toF32Array().get());
  }

  @Test
  void floatsCompareAsTheirValueRecordsDo() {
    assertEquals(ListValue.ofF32(new float[] {Float.NaN}), ListValue.ofF32(new float[] {0f / 0f}));
    assertNotEquals(ListValue.ofF32(new float[] {0.0f}), ListValue.ofF32(new float[] {-0.0f}));
    assertNotEquals(ListValue.ofF64(new double[] {0.0}), ListValue.ofF64(new double[] {-0.0}));
  }

  @Test
  void theValueOwnsItsArray() {
    int[] source = {1, 2, 3};
    ListValue list = ListValue.ofU32(source);
    source[0] = 42;
    list.toU32Array().orElseThrow()[1] = 42;
    assertArrayEquals(new int[] {1, 2, 3}, list.toU32Array().orElseThrow());
    assertThrows(UnsupportedOperationException.class, () -> list.elements().set(0, null));
  }

  @Test
  void mixedAndEmptyListsStayPlain() {
    ListValue mixed = new ListValue(List.of(new U32Value(1), new S32Value(1)));
    assertTrue(mixed.toU32Array().isEmpty());
    assertTrue(mixed.toS32Array().isEmpty());
    assertEquals(List.of(new U32Value(1), new S32Value(1)), mixed.elements());
    assertEquals(new ListValue(List.of()), ListValue.ofF64(new double[0]));
    assertTrue(ListValue.ofU16(new short[0]).toU16Array().isEmpty());
    assertThrows(
        NullPointerException.class,
        () -> new ListValue(java.util.Arrays.asList(new U32Value(1), null)));
  }

  @Test
  void waveParsesIntoThePackedList() throws WaveException {
    assertEquals(
        ListValue.ofU32(new int[] {1, -1}),
        Wave.parse("[1, 4294967295]", new ListType(PrimitiveType.U32)));
    assertEquals("[1, 4294967295]", Wave.print(ListValue.ofU32(new int[] {1, -1})));
    assertEquals("[-1, 2]", Wave.print(ListValue.ofS16(new short[] {-1, 2})));
    assertTrue(
        ((ListValue) Wave.parse("[1.5, -2]", new ListType(PrimitiveType.F64)))
            .toF64Array()
            .isPresent());
  }
}
