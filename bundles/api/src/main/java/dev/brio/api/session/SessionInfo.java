package dev.brio.api.session;

import java.time.Instant;
import java.util.Objects;

/**
 * One session, as {@code session-info} in {@code wit/session.wit}.
 *
 * @param id the session id
 * @param basePath the real path of the project the session was copied from
 * @param state open, committed or aborted
 * @param createdAt when the session began
 */
public record SessionInfo(String id, String basePath, SessionState state, Instant createdAt) {
  public SessionInfo {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(basePath, "basePath");
    Objects.requireNonNull(state, "state");
    Objects.requireNonNull(createdAt, "createdAt");
  }
}
