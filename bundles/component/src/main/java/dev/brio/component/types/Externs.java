package dev.brio.component.types;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.SequencedMap;
import java.util.function.Function;

/** Read-only, ordered name maps for the types' import and export lists. */
final class Externs {
  private Externs() {}

  /** An unmodifiable copy keeping the order; a duplicate key is a programming error here. */
  static <V> SequencedMap<String, V> ordered(
      Iterable<V> values, Function<? super V, String> keyOf) {
    var map = new LinkedHashMap<String, V>();
    for (V v : values) {
      if (map.putIfAbsent(keyOf.apply(v), v) != null) {
        throw new IllegalArgumentException("duplicate name " + keyOf.apply(v));
      }
    }
    return Collections.unmodifiableSequencedMap(map);
  }
}
