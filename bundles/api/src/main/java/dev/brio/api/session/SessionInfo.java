package dev.brio.api.session;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One session, as {@code session-info} in {@code wit/session.wit}, plus its owner, which only the
 * kernel sees (an agent lists only its own sessions).
 *
 * @param id the session id
 * @param basePath the real path of the project the session was copied from
 * @param owner the agent that began it, empty for none (see {@link SessionRecord#owner()})
 * @param state open, committed or aborted
 * @param createdAt when the session began
 */
public record SessionInfo(
    String id, String basePath, Optional<String> owner, SessionState state, Instant createdAt) {
  public SessionInfo {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(basePath, "basePath");
    Objects.requireNonNull(owner, "owner");
    Objects.requireNonNull(state, "state");
    Objects.requireNonNull(createdAt, "createdAt");
  }
}
