package dev.brio.wasi.io;

import dev.brio.component.values.ListValue;
import dev.brio.component.values.U8Value;
import dev.brio.component.values.Value;
import java.util.ArrayList;
import java.util.List;

/** Converts between {@code list<u8>} values and byte arrays. */
public final class ByteLists {
  private ByteLists() {}

  /** {@code bytes} as a {@code list<u8>}. */
  public static ListValue toList(byte[] bytes) {
    List<Value> out = new ArrayList<>(bytes.length);
    for (byte b : bytes) {
      out.add(new U8Value(b & 0xff));
    }
    return new ListValue(out);
  }

  /** A {@code list<u8>} as bytes. */
  public static byte[] toBytes(Value list) {
    List<Value> elements = ((ListValue) list).elements();
    byte[] out = new byte[elements.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = (byte) ((U8Value) elements.get(i)).value();
    }
    return out;
  }
}
