package dev.brio.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Moves the supervisor's tasks out of brio.db into the components' database file. Until schema V1's
 * {@code tasks} moved to {@link ComponentSchema}, a supervisor kept its queue in brio.db; a kernel
 * upgraded from then would otherwise start with an empty queue and leave the old one where no
 * component can reach it.
 *
 * <p>Each row is copied with {@code INSERT OR IGNORE} under its own id, in one transaction of the
 * components' file, and only then is brio.db's table dropped. A crash between the two leaves the
 * rows in both files; the next start copies again and the ids make that a no-op, so no task is lost
 * or doubled. A components' file whose {@code tasks} table the supervisor dropped receives nothing,
 * and brio.db keeps its table.
 */
final class TasksMove {

  /** The columns schema V1 gave {@code tasks}, the only shape the old table can have. */
  static final String COLUMNS =
      "id, content, status, priority, agent, session, created_at, updated_at, started_at,"
          + " finished_at, result";

  private static final int COLUMN_COUNT = COLUMNS.split(",").length;

  private TasksMove() {}

  /**
   * What a move did.
   *
   * @param added rows new to the components' file (0 once the move has happened)
   * @param clashes ids under which the components' file holds a different task: brio.db keeps its
   *     table while there are any
   */
  record Outcome(int added, List<Long> clashes) {}

  /**
   * Moves every row of {@code kernel}'s {@code tasks} into {@code components}' and drops the old
   * table, unless an id clashes.
   */
  static Outcome run(SqliteStore kernel, SqliteStore components) throws SQLException {
    if (!kernel.withWriter(TasksMove::hasTasks) || !components.withWriter(TasksMove::hasTasks)) {
      return new Outcome(0, List.of());
    }
    Outcome outcome =
        components.withWriter(target -> kernel.withWriter(source -> copy(source, target)));
    kernel.withWriter(
        source -> {
          if (outcome.clashes().isEmpty()) {
            try (Statement drop = source.createStatement()) {
              drop.execute("DROP TABLE tasks");
            }
          } else {
            // keep only the clashing rows: a moved row must never be copied again, or a task the
            // supervisor deleted (say, finished) would come back at the next start
            try (PreparedStatement moved =
                source.prepareStatement(
                    "DELETE FROM tasks WHERE id NOT IN ("
                        + "?, ".repeat(outcome.clashes().size() - 1)
                        + "?)")) {
              for (int i = 0; i < outcome.clashes().size(); i++) {
                moved.setLong(i + 1, outcome.clashes().get(i));
              }
              moved.executeUpdate();
            }
          }
          return null;
        });
    return outcome;
  }

  private static boolean hasTasks(Connection connection) throws SQLException {
    try (PreparedStatement query =
            connection.prepareStatement(
                "SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = 'tasks'");
        ResultSet rows = query.executeQuery()) {
      return rows.next();
    }
  }

  private static Outcome copy(Connection source, Connection target) throws SQLException {
    String insert =
        "INSERT OR IGNORE INTO tasks ("
            + COLUMNS
            + ") VALUES ("
            + "?, ".repeat(COLUMN_COUNT - 1)
            + "?)";
    int added = 0;
    List<Long> clashes = new ArrayList<>();
    target.setAutoCommit(false);
    try (PreparedStatement read =
            source.prepareStatement("SELECT " + COLUMNS + " FROM tasks ORDER BY id");
        PreparedStatement write = target.prepareStatement(insert);
        PreparedStatement existing =
            target.prepareStatement("SELECT " + COLUMNS + " FROM tasks WHERE id = ?");
        ResultSet rows = read.executeQuery()) {
      while (rows.next()) {
        Object[] row = new Object[COLUMN_COUNT];
        for (int column = 1; column <= COLUMN_COUNT; column++) {
          row[column - 1] = rows.getObject(column);
          write.setObject(column, row[column - 1]);
        }
        if (write.executeUpdate() == 1) {
          added++;
        } else if (!sameRow(existing, row)) {
          clashes.add(rows.getLong(1));
        }
      }
      target.commit();
    } catch (SQLException e) {
      target.rollback();
      throw e;
    } finally {
      target.setAutoCommit(true);
    }
    return new Outcome(added, List.copyOf(clashes));
  }

  /** Whether the components' file holds exactly {@code row} under its id. */
  private static boolean sameRow(PreparedStatement existing, Object[] row) throws SQLException {
    existing.setObject(1, row[0]);
    try (ResultSet found = existing.executeQuery()) {
      if (!found.next()) {
        return false;
      }
      for (int column = 1; column <= COLUMN_COUNT; column++) {
        if (!Objects.equals(found.getObject(column), row[column - 1])) {
          return false;
        }
      }
      return true;
    }
  }
}
