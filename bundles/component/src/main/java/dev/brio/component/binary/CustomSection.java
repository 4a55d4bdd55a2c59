package dev.brio.component.binary;

import java.util.Objects;

/**
 * A custom section, kept as it is (e.g. {@code component-type}, {@code name}, {@code producers}):
 * custom sections never make a component invalid.
 */
public record CustomSection(String name, ByteSlice content) {
  public CustomSection {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(content, "content");
  }
}
