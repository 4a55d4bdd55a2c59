package dev.brio.vfs;

import java.nio.file.Path;

/**
 * Where a session's files live under the sessions root: its directory {@code <id>/} and, beside it
 * while committing, {@code <id>.staging}, {@code <id>.journal} and {@code <id>.journal-done}. The
 * record and snapshot live in {@code brio.db}; {@code <id>.session} and {@code <id>.snapshot} are
 * where versions before that kept them, read once by {@link LegacySessions} to import them.
 */
record SessionFiles(Path root) {

  static final String LEGACY_RECORD = ".session";
  static final String LEGACY_SNAPSHOT = ".snapshot";
  static final String STAGING = ".staging";
  static final String JOURNAL = ".journal";
  static final String JOURNAL_DONE = ".journal-done";

  Path directory(String id) {
    return root.resolve(id);
  }

  Path legacyRecord(String id) {
    return root.resolve(id + LEGACY_RECORD);
  }

  Path legacySnapshot(String id) {
    return root.resolve(id + LEGACY_SNAPSHOT);
  }

  Path staging(String id) {
    return root.resolve(id + STAGING);
  }

  Path journal(String id) {
    return root.resolve(id + JOURNAL);
  }

  Path journalDone(String id) {
    return root.resolve(id + JOURNAL_DONE);
  }

  /**
   * The temporary sibling versions before journal format 2 wrote {@code file} to before renaming it
   * into place; recovery removes one a crash left.
   */
  static Path temporary(Path file) {
    return file.resolveSibling(file.getFileName() + ".tmp");
  }
}
