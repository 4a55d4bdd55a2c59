package dev.brio.component.binary;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.SequencedMap;

/**
 * The {@code producers} custom section (tool conventions): fields such as {@code language}, {@code
 * processed-by} and {@code sdk}, each a list of names with versions.
 */
public record Producers(SequencedMap<String, List<Tool>> fields) {
  /** One producer and its version. */
  public record Tool(String name, String version) {}

  public Producers {
    fields = java.util.Collections.unmodifiableSequencedMap(new LinkedHashMap<>(fields));
  }

  /**
   * Reads a {@code producers} section. A malformed one is reported like any other malformed input,
   * though a custom section never makes the component itself invalid.
   */
  public static Producers read(CustomSection section) throws ComponentFormatException {
    ByteSlice c = section.content();
    var r = new ByteReader(c.source(), c.offset(), c.offset() + c.length());
    SequencedMap<String, List<Tool>> fields = new LinkedHashMap<>();
    int n = r.count("producers fields", 2);
    for (int i = 0; i < n; i++) {
      String field = r.name("producers field name");
      int m = r.count("producers values", 2);
      List<Tool> tools = new ArrayList<>(m);
      for (int j = 0; j < m; j++) {
        tools.add(new Tool(r.name("producer name"), r.name("producer version")));
      }
      fields.put(field, List.copyOf(tools));
    }
    r.expectEnd("producers section");
    return new Producers(fields);
  }

  /** The tools listed under a field, e.g. {@code processed-by}. */
  public List<Tool> field(String name) {
    return fields.getOrDefault(name, List.of());
  }
}
