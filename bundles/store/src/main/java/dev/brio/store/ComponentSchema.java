package dev.brio.store;

import java.util.List;

/**
 * The schema of the components' database file ({@code component-state.db}), the one the
 * component-scoped {@code SqlState} reaches. It starts with the supervisor's {@code tasks}; the
 * supervisor creates any further tables itself. None of the kernel's tables (sessions, events,
 * components) live here, which is what keeps a component from reading or rewriting them: SQLite
 * cannot name a table of a file the connection never opened, and every connection refuses ATTACH.
 * Append new versions; never edit a released one.
 */
public final class ComponentSchema {

  private static final Migration V1 =
      new Migration(
          1,
          "the supervisor's tasks",
          List.of(BrioSchema.TASKS_TABLE, BrioSchema.TASKS_PENDING_INDEX));

  /** Every version in order; the last one is what a fresh file gets. */
  public static final List<Migration> MIGRATIONS = List.of(V1);

  private ComponentSchema() {}
}
