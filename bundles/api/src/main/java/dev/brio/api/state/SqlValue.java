package dev.brio.api.state;

import java.util.Arrays;
import java.util.Objects;

/** One SQLite value, as {@code sql-value} in {@code wit/state.wit}. */
public sealed interface SqlValue {

  /** SQL NULL. */
  record Null() implements SqlValue {}

  /** A 64-bit signed integer. */
  record Integer(long value) implements SqlValue {}

  /** A 64-bit IEEE float. */
  record Real(double value) implements SqlValue {}

  /** UTF-8 text. */
  record Text(String value) implements SqlValue {
    public Text {
      Objects.requireNonNull(value, "value");
    }
  }

  /** Bytes. The array is copied in and out so a value never changes after it is made. */
  record Blob(byte[] value) implements SqlValue {
    public Blob {
      value = value.clone();
    }

    @Override
    public byte[] value() {
      return value.clone();
    }

    @Override
    public boolean equals(Object other) {
      return other instanceof Blob b && Arrays.equals(value, b.value);
    }

    @Override
    public int hashCode() {
      return Arrays.hashCode(value);
    }

    @Override
    public String toString() {
      return "Blob[" + value.length + " bytes]";
    }
  }

  Null NULL = new Null();

  static SqlValue of(long value) {
    return new Integer(value);
  }

  static SqlValue of(double value) {
    return new Real(value);
  }

  static SqlValue of(String value) {
    return value == null ? NULL : new Text(value);
  }

  static SqlValue of(byte[] value) {
    return value == null ? NULL : new Blob(value);
  }
}
