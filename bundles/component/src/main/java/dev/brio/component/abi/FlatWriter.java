package dev.brio.component.abi;

import java.util.Arrays;

/** Collects a call's flat core values in Chicory's long form (i32s sign-extended). */
final class FlatWriter {
  private long[] values;
  private int size;

  FlatWriter(int capacity) {
    values = new long[Math.max(capacity, 1)];
  }

  void add(long v) {
    if (size == values.length) {
      values = Arrays.copyOf(values, size * 2);
    }
    values[size++] = v;
  }

  /** Appends an i32 as Chicory holds it. */
  void addI32(long v) {
    add((int) v);
  }

  int size() {
    return size;
  }

  /** Overwrites a value already written (a variant payload's coercion). */
  void set(int position, long v) {
    values[position] = v;
  }

  long get(int position) {
    return values[position];
  }

  long[] toArray() {
    return size == values.length ? values : Arrays.copyOf(values, size);
  }
}
