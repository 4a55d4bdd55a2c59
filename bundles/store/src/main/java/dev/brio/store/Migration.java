package dev.brio.store;

import java.util.List;
import java.util.Objects;

/**
 * One step of the schema: the statements that take the database from {@code version - 1} to {@code
 * version}. Each statement string holds exactly one SQL statement.
 */
public record Migration(int version, String description, List<String> statements) {
  public Migration {
    if (version < 1) {
      throw new IllegalArgumentException("migration versions start at 1, was " + version);
    }
    Objects.requireNonNull(description, "description");
    statements = List.copyOf(statements);
  }
}
