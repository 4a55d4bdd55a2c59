package dev.brio.vfs;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Decides, from the base as it is, whether a complete journal found after a crash goes forward or
 * back. Each move is <i>staged</i> (its stage holds the staged content), <i>applied</i> (the stage
 * is gone and the target holds it) or <i>lost</i> (neither). Applying starts only once the stages
 * and the journal are durable together, so:
 *
 * <ul>
 *   <li>no move lost: every stage is complete, rolling forward yields all-new;
 *   <li>a move lost and none applied: the crash (a power loss) came before that round completed, so
 *       nothing was applied and the base is all-old but for stages: roll back;
 *   <li>a move lost and another applied: that cannot come from a crash of this protocol (the base
 *       was changed by someone else since, or damaged); recovery refuses to guess.
 * </ul>
 */
final class JournalCheck {

  enum Verdict {
    ROLL_FORWARD,
    ROLL_BACK
  }

  private JournalCheck() {}

  static Verdict of(Journal journal) throws IOException {
    List<String> lost = new ArrayList<>();
    boolean applied = false;
    for (JournalOp.Move move : journal.moves()) {
      if (move.content().isEmpty()) {
        continue; // format 1: stages were synced before the journal was written
      }
      StagedContent content = move.content().get();
      Path stage = journal.base().resolve(move.stage());
      if (Files.exists(stage, LinkOption.NOFOLLOW_LINKS)) {
        if (!content.heldBy(stage)) {
          lost.add(move.stage());
        }
      } else if (content.heldBy(journal.base().resolve(move.target()))) {
        applied = true;
      } else {
        lost.add(move.target());
      }
    }
    if (lost.isEmpty()) {
      return Verdict.ROLL_FORWARD;
    }
    if (!applied) {
      return Verdict.ROLL_BACK;
    }
    throw new IOException(
        "the commit journal of session "
            + journal.sessionId()
            + " can go neither forward nor back: some of its moves were applied, but "
            + lost
            + " in "
            + journal.base()
            + " hold neither the staged nor the committed content");
  }
}
