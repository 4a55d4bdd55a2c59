package dev.brio.component.values;

import java.util.AbstractList;
import java.util.Arrays;
import java.util.List;
import java.util.RandomAccess;

/**
 * The elements of a list of {@code u8} or of {@code s8}, one byte each instead of one value object
 * each: an immutable {@link List} of {@link U8Value}s (or {@link S8Value}s) made on access.
 */
final class ByteElements extends AbstractList<Value> implements RandomAccess {
  private static final U8Value[] U8 = new U8Value[256];
  private static final S8Value[] S8 = new S8Value[256];

  static {
    for (int i = 0; i < 256; i++) {
      U8[i] = new U8Value(i);
      S8[i] = new S8Value((byte) i);
    }
  }

  private final byte[] bytes;
  private final boolean signed;

  private ByteElements(byte[] bytes, boolean signed) {
    this.bytes = bytes;
    this.signed = signed;
  }

  /** The elements over {@code bytes}, which the caller hands over; empty lists stay plain. */
  static List<Value> of(byte[] bytes, boolean signed) {
    return bytes.length == 0 ? List.of() : new ByteElements(bytes, signed);
  }

  /** Packs a non-empty list of only u8 or only s8 values; copies any other list. */
  static List<Value> pack(List<Value> elements) {
    Value first = elements.getFirst();
    if (!(first instanceof U8Value) && !(first instanceof S8Value)) {
      return List.copyOf(elements);
    }
    boolean signed = first instanceof S8Value;
    Class<?> kind = signed ? S8Value.class : U8Value.class;
    byte[] bytes = new byte[elements.size()];
    int i = 0;
    for (Value v : elements) {
      if (!kind.isInstance(v)) {
        return List.copyOf(elements);
      }
      bytes[i++] = signed ? ((S8Value) v).value() : (byte) ((U8Value) v).value();
    }
    return new ByteElements(bytes, signed);
  }

  boolean signed() {
    return signed;
  }

  byte[] copyBytes() {
    return bytes.clone();
  }

  @Override
  public Value get(int index) {
    byte b = bytes[index];
    return signed ? S8[b & 0xff] : U8[b & 0xff];
  }

  @Override
  public int size() {
    return bytes.length;
  }

  @Override
  public boolean equals(Object o) {
    if (o instanceof ByteElements other) {
      return signed == other.signed && Arrays.equals(bytes, other.bytes);
    }
    return super.equals(o);
  }

  @Override
  public int hashCode() {
    return super.hashCode();
  }
}
