package dev.brio.component.abi;

import com.dylibso.chicory.runtime.Memory;
import dev.brio.component.types.PrimitiveType;
import dev.brio.component.values.ListValue;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Optional;

/**
 * Lists of integers and floats moved between memory and a packed {@link ListValue} as one block of
 * little-endian bytes, instead of one load or store per element. The canonical ABI's element
 * semantics still hold: integers keep their bits, and NaNs are canonicalised both ways, as {@link
 * ScalarPlan} does for single floats.
 */
final class PackedLists {
  static final int CANONICAL_F32_NAN = 0x7fc00000;
  static final long CANONICAL_F64_NAN = 0x7ff8000000000000L;

  private PackedLists() {}

  /** Whether lists of this element type move in bulk. */
  static boolean packs(PrimitiveType element) {
    return switch (element) {
      case U8, S8, U16, S16, U32, S32, U64, S64, F32, F64 -> true;
      case BOOL, CHAR, STRING -> false;
    };
  }

  /** The list of {@code length} elements at {@code ptr} (range and alignment already checked). */
  static ListValue load(Memory m, PrimitiveType element, int ptr, int length, int size) {
    byte[] raw = m.readBytes(ptr, length * size);
    if (element == PrimitiveType.U8) {
      return ListValue.ofU8(raw);
    }
    if (element == PrimitiveType.S8) {
      return ListValue.ofS8(raw);
    }
    ByteBuffer b = ByteBuffer.wrap(raw).order(ByteOrder.LITTLE_ENDIAN);
    return switch (element) {
      case U16, S16 -> {
        short[] a = new short[length];
        b.asShortBuffer().get(a);
        yield element == PrimitiveType.U16 ? ListValue.ofU16(a) : ListValue.ofS16(a);
      }
      case U32, S32 -> {
        int[] a = new int[length];
        b.asIntBuffer().get(a);
        yield element == PrimitiveType.U32 ? ListValue.ofU32(a) : ListValue.ofS32(a);
      }
      case U64, S64 -> {
        long[] a = new long[length];
        b.asLongBuffer().get(a);
        yield element == PrimitiveType.U64 ? ListValue.ofU64(a) : ListValue.ofS64(a);
      }
      case F32 -> {
        float[] a = new float[length];
        b.asFloatBuffer().get(a);
        yield ListValue.ofF32(canonical(a));
      }
      case F64 -> {
        double[] a = new double[length];
        b.asDoubleBuffer().get(a);
        yield ListValue.ofF64(canonical(a));
      }
      default -> throw new IllegalArgumentException("not packed: " + element.witName());
    };
  }

  /**
   * Stores a list packed as {@code element}s at {@code ptr} (allocated and checked); returns false,
   * writing nothing, if the list is not packed so (then each element is stored on its own).
   */
  static boolean store(Memory m, PrimitiveType element, ListValue list, int ptr, int size) {
    Optional<byte[]> raw =
        switch (element) {
          case U8 -> list.toU8Array();
          case S8 -> list.toS8Array();
          case U16 ->
              list.toU16Array().map(a -> bytes(a.length, size, b -> b.asShortBuffer().put(a)));
          case S16 ->
              list.toS16Array().map(a -> bytes(a.length, size, b -> b.asShortBuffer().put(a)));
          case U32 ->
              list.toU32Array().map(a -> bytes(a.length, size, b -> b.asIntBuffer().put(a)));
          case S32 ->
              list.toS32Array().map(a -> bytes(a.length, size, b -> b.asIntBuffer().put(a)));
          case U64 ->
              list.toU64Array().map(a -> bytes(a.length, size, b -> b.asLongBuffer().put(a)));
          case S64 ->
              list.toS64Array().map(a -> bytes(a.length, size, b -> b.asLongBuffer().put(a)));
          case F32 ->
              list.toF32Array()
                  .map(a -> bytes(a.length, size, b -> b.asFloatBuffer().put(canonical(a))));
          case F64 ->
              list.toF64Array()
                  .map(a -> bytes(a.length, size, b -> b.asDoubleBuffer().put(canonical(a))));
          default -> Optional.empty();
        };
    raw.ifPresent(bytes -> m.write(ptr, bytes));
    return raw.isPresent();
  }

  private static byte[] bytes(int length, int size, java.util.function.Consumer<ByteBuffer> fill) {
    byte[] raw = new byte[length * size];
    fill.accept(ByteBuffer.wrap(raw).order(ByteOrder.LITTLE_ENDIAN));
    return raw;
  }

  /** {@code canonicalize_nan32} of each element, in place. */
  private static float[] canonical(float[] a) {
    for (int i = 0; i < a.length; i++) {
      if (Float.isNaN(a[i])) {
        a[i] = Float.intBitsToFloat(CANONICAL_F32_NAN);
      }
    }
    return a;
  }

  /** {@code canonicalize_nan64} of each element, in place. */
  private static double[] canonical(double[] a) {
    for (int i = 0; i < a.length; i++) {
      if (Double.isNaN(a[i])) {
        a[i] = Double.longBitsToDouble(CANONICAL_F64_NAN);
      }
    }
    return a;
  }
}
