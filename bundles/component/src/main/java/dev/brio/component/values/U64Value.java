package dev.brio.component.values;

/** A {@code u64}: the 64 bits of a long, read as unsigned. */
public record U64Value(long bits) implements Value {
  @Override
  public String toString() {
    return "U64Value[" + Long.toUnsignedString(bits) + "]";
  }
}
