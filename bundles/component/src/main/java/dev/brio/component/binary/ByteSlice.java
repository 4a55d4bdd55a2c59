package dev.brio.component.binary;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Objects;

/**
 * A range of the bytes the parser was given, not a copy: core modules are handed to the core
 * runtime from here, so the component's bytes are read once and never duplicated.
 */
public record ByteSlice(byte[] source, int offset, int length) {
  public ByteSlice {
    Objects.requireNonNull(source, "source");
    Objects.checkFromIndexSize(offset, length, source.length);
  }

  /** A read-only view of the range. */
  public ByteBuffer asBuffer() {
    return ByteBuffer.wrap(source, offset, length).slice().asReadOnlyBuffer();
  }

  /** A stream over the range. */
  public InputStream asStream() {
    return new ByteArrayInputStream(source, offset, length);
  }

  /** A copy of the range, for APIs that need an array of their own. */
  public byte[] toByteArray() {
    return Arrays.copyOfRange(source, offset, offset + length);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ByteSlice other && asBuffer().equals(other.asBuffer());
  }

  @Override
  public int hashCode() {
    return asBuffer().hashCode();
  }

  @Override
  public String toString() {
    return "ByteSlice[offset=" + offset + ", length=" + length + "]";
  }
}
