package dev.brio.vfs;

import java.nio.file.Path;

/**
 * Where a session's files live under the sessions root: its directory {@code <id>/} and, beside it,
 * {@code <id>.session}, {@code <id>.snapshot}, and while committing {@code <id>.staging}, {@code
 * <id>.journal} and {@code <id>.journal-done}.
 */
record SessionFiles(Path root) {

  static final String RECORD = ".session";
  static final String SNAPSHOT = ".snapshot";
  static final String STAGING = ".staging";
  static final String JOURNAL = ".journal";
  static final String JOURNAL_DONE = ".journal-done";

  Path directory(String id) {
    return root.resolve(id);
  }

  Path record(String id) {
    return root.resolve(id + RECORD);
  }

  Path snapshot(String id) {
    return root.resolve(id + SNAPSHOT);
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

  /** The temporary sibling {@link DurableFiles#writeAtomically} uses for {@code file}. */
  static Path temporary(Path file) {
    return file.resolveSibling(file.getFileName() + ".tmp");
  }
}
