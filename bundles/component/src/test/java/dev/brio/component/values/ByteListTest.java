package dev.brio.component.values;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.brio.component.types.ListType;
import dev.brio.component.types.PrimitiveType;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Lists of u8 and s8 are held as bytes, yet look like lists of U8Value / S8Value everywhere. */
class ByteListTest {
  private static final byte[] BYTES = {0, 1, 127, (byte) 128, (byte) 255};

  private static ListValue u8Objects() {
    List<Value> values = new ArrayList<>();
    for (byte b : BYTES) {
      values.add(new U8Value(b & 0xff));
    }
    return new ListValue(values);
  }

  @Test
  void aListBuiltFromU8ValuesEqualsOneBuiltFromBytes() {
    ListValue packed = ListValue.ofU8(BYTES);
    assertEquals(u8Objects(), packed);
    assertEquals(packed, u8Objects());
    assertEquals(u8Objects().hashCode(), packed.hashCode());
    assertEquals(List.of(new U8Value(0), new U8Value(1)), packed.elements().subList(0, 2));
    assertEquals(new U8Value(255), packed.elements().get(4));
    assertEquals(BYTES.length, packed.elements().size());
  }

  @Test
  void theBytesComeBackOnlyForTheirOwnElementType() {
    assertArrayEquals(BYTES, u8Objects().toU8Array().orElseThrow());
    assertTrue(u8Objects().toS8Array().isEmpty());
    ListValue s8 = ListValue.ofS8(BYTES);
    assertArrayEquals(BYTES, s8.toS8Array().orElseThrow());
    assertTrue(s8.toU8Array().isEmpty());
    assertEquals(new S8Value((byte) -1), s8.elements().get(4));
    assertNotEquals(ListValue.ofU8(BYTES), s8);
  }

  @Test
  void theValueOwnsItsBytes() {
    byte[] source = BYTES.clone();
    ListValue list = ListValue.ofU8(source);
    source[0] = 42;
    list.toU8Array().orElseThrow()[1] = 42;
    assertArrayEquals(BYTES, list.toU8Array().orElseThrow());
    assertThrows(UnsupportedOperationException.class, () -> list.elements().set(0, null));
  }

  @Test
  void otherListsStayAsTheyAre() {
    ListValue mixed = new ListValue(List.of(new U8Value(1), new S8Value((byte) 1)));
    assertTrue(mixed.toU8Array().isEmpty());
    assertTrue(mixed.toS8Array().isEmpty());
    assertEquals(List.of(), ListValue.ofU8(new byte[0]).elements());
    assertEquals(new ListValue(List.of()), ListValue.ofU8(new byte[0]));
    assertThrows(
        NullPointerException.class,
        () -> new ListValue(java.util.Arrays.asList(new U8Value(1), null)));
  }

  @Test
  void waveSeesTheSameList() throws WaveException {
    ListType type = new ListType(PrimitiveType.U8);
    assertEquals("[0, 1, 127, 128, 255]", Wave.print(ListValue.ofU8(BYTES)));
    assertEquals(ListValue.ofU8(BYTES), Wave.parse("[0, 1, 127, 128, 255]", type));
    assertEquals("[0, 1, 127, -128, -1]", Wave.print(ListValue.ofS8(BYTES)));
  }
}
