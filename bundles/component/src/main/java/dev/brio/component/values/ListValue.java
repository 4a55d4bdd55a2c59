package dev.brio.component.values;

import dev.brio.component.values.NumberElements.Kind;
import java.util.List;
import java.util.Optional;

/**
 * A {@code list<T>}.
 *
 * <p>A non-empty list whose elements are all numbers of one type ({@code u8}, {@code s8}, ...
 * {@code u64}, {@code s64}, {@code f32}, {@code f64}) is held as one primitive array: the
 * constructor packs such lists, whichever way they were built, so {@link #elements()}, equality,
 * hashing and WAVE see one list of value objects either way, while the canonical ABI moves the
 * elements in bulk ({@link #toU8Array()}, {@link #ofU8}, {@link #toU32Array()}, {@link #ofU32} and
 * the others). Unsigned elements are given and returned as the bits of the signed Java type of
 * their width: {@code u16} 65535 is the short -1, {@code u32} 0xffffffff the int -1.
 */
public record ListValue(List<Value> elements) implements Value {
  public ListValue {
    elements = pack(elements);
  }

  private static List<Value> pack(List<Value> elements) {
    if (elements instanceof ByteElements || elements instanceof NumberElements) {
      return elements;
    }
    if (elements.isEmpty()) {
      return List.of();
    }
    List<Value> numbers = NumberElements.pack(elements);
    return numbers != null ? numbers : ByteElements.pack(elements);
  }

  /** A {@code list<u8>} of these bytes (copied). */
  public static ListValue ofU8(byte[] bytes) {
    return new ListValue(ByteElements.of(bytes.clone(), false));
  }

  /** A {@code list<s8>} of these bytes (copied). */
  public static ListValue ofS8(byte[] bytes) {
    return new ListValue(ByteElements.of(bytes.clone(), true));
  }

  /** A {@code list<u16>} of these values' bits (copied). */
  public static ListValue ofU16(short[] values) {
    return new ListValue(NumberElements.of(Kind.U16, values.clone()));
  }

  /** A {@code list<s16>} of these values (copied). */
  public static ListValue ofS16(short[] values) {
    return new ListValue(NumberElements.of(Kind.S16, values.clone()));
  }

  /** A {@code list<u32>} of these values' bits (copied). */
  public static ListValue ofU32(int[] values) {
    return new ListValue(NumberElements.of(Kind.U32, values.clone()));
  }

  /** A {@code list<s32>} of these values (copied). */
  public static ListValue ofS32(int[] values) {
    return new ListValue(NumberElements.of(Kind.S32, values.clone()));
  }

  /** A {@code list<u64>} of these values' bits (copied). */
  public static ListValue ofU64(long[] values) {
    return new ListValue(NumberElements.of(Kind.U64, values.clone()));
  }

  /** A {@code list<s64>} of these values (copied). */
  public static ListValue ofS64(long[] values) {
    return new ListValue(NumberElements.of(Kind.S64, values.clone()));
  }

  /** A {@code list<f32>} of these values (copied). */
  public static ListValue ofF32(float[] values) {
    return new ListValue(NumberElements.of(Kind.F32, values.clone()));
  }

  /** A {@code list<f64>} of these values (copied). */
  public static ListValue ofF64(double[] values) {
    return new ListValue(NumberElements.of(Kind.F64, values.clone()));
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

  /** The elements' bits (a copy) if this is a non-empty list of {@code u16}. */
  public Optional<short[]> toU16Array() {
    return packed(Kind.U16, short[].class);
  }

  /** The elements (a copy) if this is a non-empty list of {@code s16}. */
  public Optional<short[]> toS16Array() {
    return packed(Kind.S16, short[].class);
  }

  /** The elements' bits (a copy) if this is a non-empty list of {@code u32}. */
  public Optional<int[]> toU32Array() {
    return packed(Kind.U32, int[].class);
  }

  /** The elements (a copy) if this is a non-empty list of {@code s32}. */
  public Optional<int[]> toS32Array() {
    return packed(Kind.S32, int[].class);
  }

  /** The elements' bits (a copy) if this is a non-empty list of {@code u64}. */
  public Optional<long[]> toU64Array() {
    return packed(Kind.U64, long[].class);
  }

  /** The elements (a copy) if this is a non-empty list of {@code s64}. */
  public Optional<long[]> toS64Array() {
    return packed(Kind.S64, long[].class);
  }

  /** The elements (a copy) if this is a non-empty list of {@code f32}. */
  public Optional<float[]> toF32Array() {
    return packed(Kind.F32, float[].class);
  }

  /** The elements (a copy) if this is a non-empty list of {@code f64}. */
  public Optional<double[]> toF64Array() {
    return packed(Kind.F64, double[].class);
  }

  private <A> Optional<A> packed(Kind kind, Class<A> arrayType) {
    return elements instanceof NumberElements n && n.kind() == kind
        ? Optional.of(arrayType.cast(n.copyArray()))
        : Optional.empty();
  }
}
