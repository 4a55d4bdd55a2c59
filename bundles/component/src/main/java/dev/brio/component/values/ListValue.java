package dev.brio.component.values;

import java.util.List;
import java.util.Optional;

/**
 * A {@code list<T>}.
 *
 * <p>A non-empty list whose elements are all {@link U8Value}s (or all {@link S8Value}s) is held as
 * a byte array, one byte per element: the constructor packs such lists, whichever way they were
 * built, so {@link #elements()}, equality, hashing and WAVE see one list of {@code U8Value}s either
 * way, while the canonical ABI moves the bytes in bulk ({@link #toU8Array()}, {@link #ofU8}).
 */
public record ListValue(List<Value> elements) implements Value {
  public ListValue {
    elements = ByteElements.pack(elements);
  }

  /** A {@code list<u8>} of these bytes (copied). */
  public static ListValue ofU8(byte[] bytes) {
    return new ListValue(ByteElements.of(bytes.clone(), false));
  }

  /** A {@code list<s8>} of these bytes (copied). */
  public static ListValue ofS8(byte[] bytes) {
    return new ListValue(ByteElements.of(bytes.clone(), true));
  }

  /** The elements as bytes (a copy) if this is a non-empty list of {@code u8}. */
  public Optional<byte[]> toU8Array() {
    return elements instanceof ByteElements b && !b.signed()
        ? Optional.of(b.copyBytes())
        : Optional.empty();
  }

  /** The elements as bytes (a copy) if this is a non-empty list of {@code s8}. */
  public Optional<byte[]> toS8Array() {
    return elements instanceof ByteElements b && b.signed()
        ? Optional.of(b.copyBytes())
        : Optional.empty();
  }
}
