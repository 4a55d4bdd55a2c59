package dev.brio.extender;

import dev.brio.api.session.SessionFs;
import dev.brio.api.state.SqlState;
import java.util.Optional;

/**
 * The kernel services components reach through their role's imports: workspace sessions (agents,
 * and the tools they call) and SQL state (the supervisor). Each may come and go while components
 * are deployed (they are OSGi services), so components look them up when they use them.
 */
public final class KernelServices {
  private volatile SessionFs sessions;
  private volatile SqlState sqlState;

  /** No services: agents' session calls and a supervisor's loading are refused. */
  public KernelServices() {}

  public KernelServices(SessionFs sessions, SqlState sqlState) {
    this.sessions = sessions;
    this.sqlState = sqlState;
  }

  public Optional<SessionFs> sessions() {
    return Optional.ofNullable(sessions);
  }

  public Optional<SqlState> sqlState() {
    return Optional.ofNullable(sqlState);
  }

  synchronized void setSessions(SessionFs service) {
    sessions = service;
  }

  /** Forgets {@code service} if it is the current one (a replacement stays). */
  synchronized void unsetSessions(SessionFs service) {
    if (sessions == service) {
      sessions = null;
    }
  }

  synchronized void setSqlState(SqlState service) {
    sqlState = service;
  }

  synchronized void unsetSqlState(SqlState service) {
    if (sqlState == service) {
      sqlState = null;
    }
  }
}
