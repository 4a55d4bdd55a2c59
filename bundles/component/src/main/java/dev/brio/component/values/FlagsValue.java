package dev.brio.component.values;

import java.util.List;

/** A {@code flags} value: the names of the flags that are set (any number of flags). */
public record FlagsValue(List<String> set) implements Value {
  public FlagsValue {
    set = List.copyOf(set);
  }
}
