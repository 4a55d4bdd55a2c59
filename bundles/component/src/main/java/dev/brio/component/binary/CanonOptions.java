package dev.brio.component.binary;

import java.util.Objects;
import java.util.OptionalInt;

/**
 * The options of {@code canon lift}/{@code canon lower}: string encoding (utf8 when absent) and the
 * core memory, realloc and post-return indices where given.
 */
public record CanonOptions(
    StringEncoding stringEncoding,
    OptionalInt memory,
    OptionalInt realloc,
    OptionalInt postReturn) {
  public CanonOptions {
    Objects.requireNonNull(stringEncoding, "stringEncoding");
    Objects.requireNonNull(memory, "memory");
    Objects.requireNonNull(realloc, "realloc");
    Objects.requireNonNull(postReturn, "postReturn");
  }
}
