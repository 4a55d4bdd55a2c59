package dev.brio.vfs;

import dev.brio.api.session.EntryType;
import java.util.Optional;

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
   * happened, which recovery confirms with {@code content}: the target then holds it.
   *
   * @param content what the stage holds once complete; empty in journals of format 1, which were
   *     written only after their stages were synced and so prove them complete
   */
  record Move(String stage, String target, Optional<StagedContent> content) implements JournalOp {}

  /** Sets the permissions of a path whose content did not change. */
  record Chmod(String path, int mode) implements JournalOp {}
}
