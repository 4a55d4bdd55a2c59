package dev.brio.api.session;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * What the kernel keeps about one workspace session in its {@link SessionLedger} (a row of {@code
 * brio.db}'s {@code sessions} table), besides the session's snapshot.
 *
 * @param id the session id
 * @param basePath the real path of the project the session was copied from
 * @param directory the session's own directory, under the sessions root
 * @param owner who began it, and so who may reach it again: for an agent, its component name (the
 *     file name without {@code .wasm}), which every version of it shares and which survives a
 *     kernel restart; a Java caller of {@link SessionFs#begin(String, boolean, Optional)} may give
 *     its own name. Empty for a session nobody owns: begun by a Java caller that named no one (the
 *     kernel, a benchmark), or recorded before owners were (schema V2 rows, the session files of a
 *     Brio before the ledger); no agent reaches such a session
 * @param state open, committed or aborted
 * @param trackTouched whether writers promised to report every path they touch
 * @param createdAt when the session began
 * @param finishedAt when it was committed or aborted (empty while open); drives retention
 */
public record SessionRecord(
    String id,
    String basePath,
    String directory,
    Optional<String> owner,
    SessionState state,
    boolean trackTouched,
    Instant createdAt,
    Optional<Instant> finishedAt) {

  public SessionRecord {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(basePath, "basePath");
    Objects.requireNonNull(directory, "directory");
    Objects.requireNonNull(owner, "owner");
    if (owner.isPresent() && owner.get().isBlank()) {
      throw new IllegalArgumentException("session " + id + ": a blank owner name");
    }
    Objects.requireNonNull(state, "state");
    Objects.requireNonNull(createdAt, "createdAt");
    Objects.requireNonNull(finishedAt, "finishedAt");
    if ((state == SessionState.OPEN) != finishedAt.isEmpty()) {
      throw new IllegalArgumentException(
          "session " + id + ": an open session has no finish time and a finished one has one");
    }
  }

  /** The session as {@link SessionFs#list} reports it. */
  public SessionInfo info() {
    return new SessionInfo(id, basePath, owner, state, createdAt);
  }
}
