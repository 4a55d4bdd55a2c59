package dev.brio.component.values;

import java.util.AbstractList;
import java.util.Arrays;
import java.util.List;
import java.util.RandomAccess;

/**
 * The elements of a list of 16-, 32- or 64-bit integers or of floats, held in one primitive array
 * instead of one value object each: an immutable {@link List} of {@link U16Value}s (or {@link
 * S16Value}s ... {@link F64Value}s) made on access. Unsigned elements keep their bits in the signed
 * Java type of their width ({@code u32} 0xffffffff is the int -1), as {@link U64Value} does.
 */
final class NumberElements extends AbstractList<Value> implements RandomAccess {

  /** The element type, and which array holds the elements. */
  enum Kind {
    U16(short[].class),
    S16(short[].class),
    U32(int[].class),
    S32(int[].class),
    U64(long[].class),
    S64(long[].class),
    F32(float[].class),
    F64(double[].class);

    final Class<?> arrayType;

    Kind(Class<?> arrayType) {
      this.arrayType = arrayType;
    }

    /** The kind of list a value starts, or null if it is not a number of these types. */
    static Kind of(Value v) {
      return switch (v) {
        case U16Value u -> U16;
        case S16Value s -> S16;
        case U32Value u -> U32;
        case S32Value s -> S32;
        case U64Value u -> U64;
        case S64Value s -> S64;
        case F32Value f -> F32;
        case F64Value f -> F64;
        default -> null;
      };
    }
  }

  private final Kind kind;
  private final Object array;
  private final int size;

  private NumberElements(Kind kind, Object array, int size) {
    this.kind = kind;
    this.array = array;
    this.size = size;
  }

  /**
   * The elements over {@code array} (a {@code short[]} for U16 and S16, ... a {@code double[]} for
   * F64), which the caller hands over; an empty array gives a plain empty list.
   */
  static List<Value> of(Kind kind, Object array) {
    if (!kind.arrayType.isInstance(array)) {
      throw new IllegalArgumentException(kind + " elements need a " + kind.arrayType.getName());
    }
    int n = length(array);
    return n == 0 ? List.of() : new NumberElements(kind, array, n);
  }

  /**
   * Packs a non-empty list whose elements are all numbers of one of these types; returns null for
   * any other list.
   */
  static List<Value> pack(List<Value> elements) {
    Kind kind = Kind.of(elements.getFirst());
    if (kind == null) {
      return null;
    }
    int n = elements.size();
    Object array =
        switch (kind) {
          case U16, S16 -> new short[n];
          case U32, S32 -> new int[n];
          case U64, S64 -> new long[n];
          case F32 -> new float[n];
          case F64 -> new double[n];
        };
    for (int i = 0; i < n; i++) {
      Value v = elements.get(i);
      if (Kind.of(v) != kind) {
        return null;
      }
      switch (v) {
        case U16Value(int x) -> ((short[]) array)[i] = (short) x;
        case S16Value(short x) -> ((short[]) array)[i] = x;
        case U32Value(long x) -> ((int[]) array)[i] = (int) x;
        case S32Value(int x) -> ((int[]) array)[i] = x;
        case U64Value(long x) -> ((long[]) array)[i] = x;
        case S64Value(long x) -> ((long[]) array)[i] = x;
        case F32Value(float x) -> ((float[]) array)[i] = x;
        case F64Value(double x) -> ((double[]) array)[i] = x;
        default -> throw new IllegalStateException("not a number: " + v);
      }
    }
    return new NumberElements(kind, array, n);
  }

  Kind kind() {
    return kind;
  }

  private static int length(Object array) {
    return switch (array) {
      case short[] a -> a.length;
      case int[] a -> a.length;
      case long[] a -> a.length;
      case float[] a -> a.length;
      case double[] a -> a.length;
      default -> throw new IllegalStateException(array.getClass().getName());
    };
  }

  /** A copy of the array (its type is the kind's). */
  Object copyArray() {
    return switch (array) {
      case short[] a -> a.clone();
      case int[] a -> a.clone();
      case long[] a -> a.clone();
      case float[] a -> a.clone();
      case double[] a -> a.clone();
      default -> throw new IllegalStateException(array.getClass().getName());
    };
  }

  @Override
  public Value get(int index) {
    return switch (kind) {
      case U16 -> new U16Value(((short[]) array)[index] & 0xffff);
      case S16 -> new S16Value(((short[]) array)[index]);
      case U32 -> new U32Value(((int[]) array)[index] & 0xffff_ffffL);
      case S32 -> new S32Value(((int[]) array)[index]);
      case U64 -> new U64Value(((long[]) array)[index]);
      case S64 -> new S64Value(((long[]) array)[index]);
      case F32 -> new F32Value(((float[]) array)[index]);
      case F64 -> new F64Value(((double[]) array)[index]);
    };
  }

  @Override
  public int size() {
    return size;
  }

  @Override
  public boolean equals(Object o) {
    if (o instanceof NumberElements other) {
      // Arrays.equals compares floats by floatToIntBits, as the F32Value record's equals does
      return kind == other.kind
          && switch (array) {
            case short[] a -> Arrays.equals(a, (short[]) other.array);
            case int[] a -> Arrays.equals(a, (int[]) other.array);
            case long[] a -> Arrays.equals(a, (long[]) other.array);
            case float[] a -> Arrays.equals(a, (float[]) other.array);
            case double[] a -> Arrays.equals(a, (double[]) other.array);
            default -> false;
          };
    }
    return super.equals(o);
  }

  @Override
  public int hashCode() {
    return super.hashCode();
  }
}
