package dev.brio.component.values;

/** A {@code u8}, 0 to 255. */
public record U8Value(int value) implements Value {
  public U8Value {
    if (value < 0 || value > 0xff) {
      throw new IllegalArgumentException("u8 out of range: " + value);
    }
  }
}
