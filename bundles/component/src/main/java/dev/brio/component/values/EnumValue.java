package dev.brio.component.values;

import java.util.Objects;

/** An {@code enum} case. */
public record EnumValue(String caseName) implements Value {
  public EnumValue {
    Objects.requireNonNull(caseName, "caseName");
  }
}
