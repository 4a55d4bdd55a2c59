package dev.brio.component.values;

/** A {@code u32}, 0 to 2^32-1. */
public record U32Value(long value) implements Value {
  public U32Value {
    if (value < 0 || value > 0xffff_ffffL) {
      throw new IllegalArgumentException("u32 out of range: " + value);
    }
  }
}
