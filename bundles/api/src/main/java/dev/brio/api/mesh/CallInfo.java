package dev.brio.api.mesh;

import java.time.Instant;
import java.util.Optional;

/**
 * One call as its target sees it: its id and its parent's ({@code 0} for a call that does not come
 * from inside another call), who called, and the deadline by which the answer must be back.
 *
 * @param session the workspace session the call runs in: the caller's own, else the one its parent
 *     call ran in; empty outside any session
 */
public record CallInfo(
    long id,
    long parentId,
    String caller,
    String target,
    String method,
    Instant deadline,
    Optional<String> session) {

  /** A call outside any workspace session. */
  public CallInfo(
      long id, long parentId, String caller, String target, String method, Instant deadline) {
    this(id, parentId, caller, target, method, deadline, Optional.empty());
  }

  public CallInfo {
    session = session == null ? Optional.empty() : session;
  }
}
