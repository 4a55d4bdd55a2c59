package dev.brio.component.values;

/** A {@code u16}, 0 to 65535. */
public record U16Value(int value) implements Value {
  public U16Value {
    if (value < 0 || value > 0xffff) {
      throw new IllegalArgumentException("u16 out of range: " + value);
    }
  }
}
