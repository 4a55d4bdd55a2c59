package dev.brio.component.values;

/** A {@code char}: a Unicode scalar value (no surrogates). */
public record CharValue(int codePoint) implements Value {
  public CharValue {
    if (codePoint < 0 || codePoint > 0x10ffff || (codePoint >= 0xd800 && codePoint <= 0xdfff)) {
      throw new IllegalArgumentException(
          "not a Unicode scalar value: 0x" + Integer.toHexString(codePoint));
    }
  }
}
