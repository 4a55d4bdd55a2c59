package dev.brio.component.types;

import java.util.List;

/** A core function type. */
public record CoreFuncType(List<CoreValType> params, List<CoreValType> results)
    implements CoreType {
  public CoreFuncType {
    params = List.copyOf(params);
    results = List.copyOf(results);
  }

  /** As the text format's signature: {@code [i32 i32] -> [i32]}. */
  @Override
  public String toString() {
    return text(params) + " -> " + text(results);
  }

  private static String text(List<CoreValType> types) {
    return types.stream()
        .map(t -> t.name().toLowerCase(java.util.Locale.ROOT))
        .collect(java.util.stream.Collectors.joining(" ", "[", "]"));
  }
}
