package dev.brio.extender;

import dev.brio.api.mesh.Caller;
import dev.brio.api.session.CommitResult;
import dev.brio.api.session.SessionError;
import dev.brio.api.session.SessionException;
import dev.brio.api.session.SessionFs;
import dev.brio.api.session.SessionInfo;
import dev.brio.api.session.SessionState;
import dev.brio.wasi.filesystem.WorkspaceRoot;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An agent's workspace and the sessions it owns, behind its {@code brio:core/session-fs} import. It
 * belongs to the agent's one instance slot, not to an instance: a fresh instance that replaces one
 * that trapped finds the same root, still bound to the same open session, which {@code
 * list-sessions} shows it.
 *
 * <ul>
 *   <li>{@code begin-session} begins a session with touched-path tracking and binds the root to its
 *       directory (a second begin moves the root to the new session; the earlier one stays open and
 *       may still be committed or aborted by its id);
 *   <li>a successful commit, or an abort, of the bound session unbinds the root; a conflict keeps
 *       it bound, so the agent can resolve and retry;
 *   <li>an agent may commit, abort and list only sessions it began: any other id is an unknown
 *       session to it. "It" is the component name, recorded as the session's owner in the ledger
 *       ({@code brio.db}): a new version of the agent, and the agent deployed again after a kernel
 *       restart, reach the sessions an earlier one left open (it starts unbound, and may commit or
 *       abort them by id);
 *   <li>a commit or abort the service answers with unknown session (the session was ended
 *       elsewhere, by the maximum age of open sessions say) unbinds the root if it was bound to it.
 * </ul>
 */
final class AgentWorkspace {
  private static final Logger LOG = LoggerFactory.getLogger(AgentWorkspace.class);

  private final KernelServices services;
  private final WorkspaceRoot root;
  private final String owner;
  private String bound; // guarded by this

  /**
   * @param owner the agent's component name: the owner of the sessions it begins, and whose
   *     sessions it reaches
   */
  AgentWorkspace(KernelServices services, WorkspaceRoot root, String owner) {
    this.services = services;
    this.root = root;
    this.owner = owner;
  }

  WorkspaceRoot root() {
    return root;
  }

  /** The session the root is bound to, if any: the one tools the agent calls work in. */
  synchronized Optional<String> session() {
    return Optional.ofNullable(bound);
  }

  /** {@code base}, working in the bound session if there is one. */
  Caller caller(Caller base) {
    return session().map(base::inSession).orElse(base);
  }

  synchronized SessionInfo begin(String basePath) throws SessionException {
    SessionFs sessions = sessions();
    SessionInfo info = sessions.begin(basePath, true, Optional.of(owner));
    Path directory = sessions.directory(info.id());
    try {
      root.bind(directory, false, new SessionTouches(sessions, info.id()));
    } catch (IllegalArgumentException | UnsupportedOperationException e) {
      sessions.abort(info.id());
      throw new SessionException(
          new SessionError.Io(directory.toString()), "cannot give it to the agent", e);
    }
    bound = info.id();
    return info;
  }

  synchronized CommitResult commit(String id) throws SessionException {
    requireOwn(id);
    CommitResult result;
    try {
      result = sessions().commit(id);
    } catch (SessionException e) {
      forgetIfGone(id, e);
      throw e;
    }
    finished(id);
    return result;
  }

  synchronized void abort(String id) throws SessionException {
    requireOwn(id);
    try {
      sessions().abort(id);
    } catch (SessionException e) {
      forgetIfGone(id, e);
      throw e;
    }
    finished(id);
  }

  /** The sessions this agent (any version of it) began that are still on disk, oldest first. */
  List<SessionInfo> list() {
    try {
      return services.sessions().map(sessions -> sessions.listOwnedBy(owner)).orElse(List.of());
    } catch (UncheckedIOException e) {
      // list-sessions has no error case: an unreadable ledger lists nothing, and says why here
      LOG.warn("cannot list the sessions of {}: {}", owner, e.getMessage());
      return List.of();
    }
  }

  /**
   * The service no longer knows {@code id} as open (the maximum age or someone else ended it): a
   * root bound to it is unbound, or every later write would fail.
   */
  private void forgetIfGone(String id, SessionException e) {
    if (e.error() instanceof SessionError.UnknownSession(String gone) && gone.equals(id)) {
      finished(id);
    }
  }

  private void finished(String id) {
    if (id.equals(bound)) {
      bound = null;
      root.unbind();
    }
  }

  /**
   * Refuses an id the ledger does not record as this agent's open session, exactly as the service
   * refuses an id it does not know: another agent's session does not exist for this one.
   */
  private void requireOwn(String id) throws SessionException {
    boolean own;
    try {
      own =
          sessions().listOwnedBy(owner).stream()
              .anyMatch(info -> info.id().equals(id) && info.state() == SessionState.OPEN);
    } catch (UncheckedIOException e) {
      throw new SessionException(
          new SessionError.Io("brio:core/session-fs"),
          "cannot read the sessions of " + owner,
          e.getCause());
    }
    if (!own) {
      // a bound session is one this agent began: no longer open, it ended behind its back
      finished(id);
      throw new SessionException(new SessionError.UnknownSession(id));
    }
  }

  private SessionFs sessions() throws SessionException {
    return services
        .sessions()
        .orElseThrow(
            () ->
                new SessionException(
                    new SessionError.Io("brio:core/session-fs"),
                    "the workspace session service is not running",
                    null));
  }
}
