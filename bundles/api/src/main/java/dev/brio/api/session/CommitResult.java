package dev.brio.api.session;

import java.util.List;
import java.util.Optional;

/**
 * What a commit applied, as {@code commit-result} in {@code wit/session.wit}.
 *
 * @param id the session
 * @param changes every changed path, sorted by path
 * @param renames deletions and additions with equal content, for the report
 * @param gitCommit the id of the git commit recording the change, when one was asked for and made
 */
public record CommitResult(
    String id, List<PathChange> changes, List<Rename> renames, Optional<String> gitCommit) {
  public CommitResult {
    changes = List.copyOf(changes);
    renames = List.copyOf(renames);
  }
}
