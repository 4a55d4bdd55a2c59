package dev.brio.store;

import java.util.List;

/**
 * Brio's schema, one {@link Migration} per version. Append new versions; never edit a released one,
 * since databases in the field are already at it.
 *
 * <p>Tables are STRICT so a wrong type is an error instead of a silent conversion. Times are unix
 * milliseconds.
 */
public final class BrioSchema {

  private static final String NOW_MS = "(CAST(unixepoch('subsec') * 1000 AS INTEGER))";

  /**
   * The supervisor's task queue. Shared with {@link ComponentSchema}, where components reach it; V1
   * also created it in brio.db, where {@link TasksMove} empties and drops it at every start.
   */
  static final String TASKS_TABLE =
      """
      CREATE TABLE tasks (
        id          INTEGER PRIMARY KEY,
        content     TEXT    NOT NULL,
        status      TEXT    NOT NULL DEFAULT 'pending'
                    CHECK (status IN ('pending', 'running', 'done', 'failed', 'cancelled')),
        priority    INTEGER NOT NULL DEFAULT 0,
        agent       TEXT,
        session     TEXT,
        created_at  INTEGER NOT NULL DEFAULT %1$s,
        updated_at  INTEGER NOT NULL DEFAULT %1$s,
        started_at  INTEGER,
        finished_at INTEGER,
        result      TEXT
      ) STRICT
      """
          .formatted(NOW_MS);

  /** Partial index: claiming the next task reads only pending rows, highest priority first. */
  static final String TASKS_PENDING_INDEX =
      """
      CREATE INDEX tasks_pending_by_priority
        ON tasks (priority DESC, id) WHERE status = 'pending'
      """;

  private static final Migration V1 =
      new Migration(
          1,
          "tasks, sessions, components, events",
          List.of(
              TASKS_TABLE,
              TASKS_PENDING_INDEX,
              """
              CREATE TABLE sessions (
                id         TEXT    PRIMARY KEY,
                base_path  TEXT    NOT NULL,
                root_path  TEXT    NOT NULL,
                state      TEXT    NOT NULL DEFAULT 'open',
                snapshot   TEXT,
                journal    TEXT,
                created_at INTEGER NOT NULL DEFAULT %1$s,
                updated_at INTEGER NOT NULL DEFAULT %1$s
              ) STRICT
              """
                  .formatted(NOW_MS),
              """
              CREATE TABLE components (
                name      TEXT    NOT NULL,
                version   TEXT    NOT NULL,
                role      TEXT    NOT NULL,
                digest    TEXT    NOT NULL,
                path      TEXT    NOT NULL,
                state     TEXT    NOT NULL,
                loaded_at INTEGER,
                PRIMARY KEY (name, version)
              ) STRICT
              """,
              """
              CREATE TABLE events (
                id     INTEGER PRIMARY KEY,
                at     INTEGER NOT NULL,
                kind   TEXT    NOT NULL,
                source TEXT    NOT NULL,
                detail TEXT    CHECK (detail IS NULL OR json_valid(detail))
              ) STRICT
              """,
              "CREATE INDEX events_by_kind ON events (kind, id)"));

  /**
   * Workspace sessions move from files beside the sessions into this table: the snapshot becomes a
   * blob, the record gains its touched-path promise and finish time, and the state is checked. The
   * unused V1 table is rebuilt (SQLite cannot change a column's type in place); rows it may hold
   * are carried over, a state outside the three known ones as {@code aborted}. The unused {@code
   * journal} column goes: the commit journal stays a file fsynced beside the session.
   */
  private static final Migration V2 =
      new Migration(
          2,
          "sessions hold their record and snapshot",
          List.of(
              """
              CREATE TABLE sessions_v2 (
                id            TEXT    PRIMARY KEY,
                base_path     TEXT    NOT NULL,
                root_path     TEXT    NOT NULL,
                state         TEXT    NOT NULL DEFAULT 'open'
                              CHECK (state IN ('open', 'committed', 'aborted')),
                track_touched INTEGER NOT NULL DEFAULT 0 CHECK (track_touched IN (0, 1)),
                snapshot      BLOB,
                created_at    INTEGER NOT NULL DEFAULT %1$s,
                updated_at    INTEGER NOT NULL DEFAULT %1$s,
                finished_at   INTEGER,
                CHECK ((state = 'open') = (finished_at IS NULL))
              ) STRICT
              """
                  .formatted(NOW_MS),
              """
              INSERT INTO sessions_v2
                (id, base_path, root_path, state, snapshot, created_at, updated_at, finished_at)
              SELECT id, base_path, root_path,
                     CASE WHEN lower(state) IN ('open', 'committed', 'aborted')
                          THEN lower(state) ELSE 'aborted' END,
                     CAST(snapshot AS BLOB), created_at, updated_at,
                     CASE WHEN lower(state) = 'open' THEN NULL ELSE updated_at END
                FROM sessions
              """,
              "DROP TABLE sessions",
              "ALTER TABLE sessions_v2 RENAME TO sessions",
              // Listing is oldest first; retention looks only at finished rows.
              "CREATE INDEX sessions_by_created ON sessions (created_at, id)"));

  /**
   * A session records who began it: the agent's component name, so that its later versions reach
   * its open sessions across kernel restarts too. Rows from V2 get NULL, a session nobody owns. The
   * index serves an agent's listing (its sessions, oldest first) and skips the unowned rows.
   */
  private static final Migration V3 =
      new Migration(
          3,
          "sessions record their owner",
          List.of(
              "ALTER TABLE sessions ADD COLUMN owner TEXT CHECK (owner IS NULL OR owner <> '')",
              "CREATE INDEX sessions_by_owner ON sessions (owner, created_at, id)"
                  + " WHERE owner IS NOT NULL"));

  /** Every version in order; the last one is what a fresh database gets. */
  public static final List<Migration> MIGRATIONS = List.of(V1, V2, V3);

  private BrioSchema() {}
}
