package dev.brio.vfs;

import dev.brio.api.session.EntryType;

/**
 * One step of applying a commit to the base, paths relative to the base. Every step is idempotent
 * so a journal can be replayed from the start after a crash at any point.
 */
sealed interface JournalOp {

  /**
   * Removes {@code path} if it is still of {@code type} (a directory only once empty). If the path
   * now holds something of another type, this step already ran and a later one replaced it.
   */
  record Delete(String path, EntryType type) implements JournalOp {}

  /**
   * Renames the staged {@code stage} over {@code target}. A missing stage means the rename already
   * happened: a journal is only written once every stage exists.
   */
  record Move(String stage, String target) implements JournalOp {}

  /** Sets the permissions of a path whose content did not change. */
  record Chmod(String path, int mode) implements JournalOp {}
}
