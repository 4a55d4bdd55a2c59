package dev.brio.wasi.io;

import dev.brio.component.values.ListValue;
import dev.brio.component.values.Value;

/**
 * Converts between {@code list<u8>} values and byte arrays, in bulk: the engine keeps a list of u8
 * as one byte array, so a stream's chunk is copied, never boxed byte by byte.
 */
public final class ByteLists {
  private ByteLists() {}

  /** {@code bytes} as a {@code list<u8>}. */
  public static ListValue toList(byte[] bytes) {
    return ListValue.ofU8(bytes);
  }

  /** A {@code list<u8>} as bytes (an empty list, which the engine does not pack, as none). */
  public static byte[] toBytes(Value list) {
    ListValue bytes = (ListValue) list;
    return bytes.elements().isEmpty() ? new byte[0] : bytes.toU8Array().orElseThrow();
  }
}
