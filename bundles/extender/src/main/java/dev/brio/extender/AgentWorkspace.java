package dev.brio.extender;

import dev.brio.api.mesh.Caller;
import dev.brio.api.session.CommitResult;
import dev.brio.api.session.SessionError;
import dev.brio.api.session.SessionException;
import dev.brio.api.session.SessionFs;
import dev.brio.api.session.SessionInfo;
import dev.brio.wasi.filesystem.WorkspaceRoot;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * An agent's workspace and the sessions it began, behind its {@code brio:core/session-fs} import.
 * It belongs to the agent's one instance slot, not to an instance: a fresh instance that replaces
 * one that trapped finds the same root, still bound to the same open session, which {@code
 * list-sessions} shows it.
 *
 * <ul>
 *   <li>{@code begin-session} begins a session with touched-path tracking and binds the root to its
 *       directory (a second begin moves the root to the new session; the earlier one stays open and
 *       may still be committed or aborted by its id);
 *   <li>a successful commit, or an abort, of the bound session unbinds the root; a conflict keeps
 *       it bound, so the agent can resolve and retry;
 *   <li>an agent may commit, abort and list only sessions it began: any other id is an unknown
 *       session to it. "It" is the component name: the set comes from {@link SessionOwners}, so a
 *       new version of the agent reaches the sessions its earlier version left open (it starts
 *       unbound, and may commit or abort them by id);
 *   <li>a commit or abort the service answers with unknown session (the session was ended
 *       elsewhere, by the retention period say) forgets it, and unbinds the root if it was bound to
 *       it.
 * </ul>
 */
final class AgentWorkspace {
  private final KernelServices services;
  private final WorkspaceRoot root;
  private final Set<String> began; // shared with the agent's other versions: a synchronized set
  private String bound; // guarded by this

  /** An agent of its own: it reaches only the sessions this workspace begins. */
  AgentWorkspace(KernelServices services, WorkspaceRoot root) {
    this(services, root, new SessionOwners().of("agent"));
  }

  /**
   * @param began the sessions the agent (every version of it) began, from {@link SessionOwners}
   */
  AgentWorkspace(KernelServices services, WorkspaceRoot root, Set<String> began) {
    this.services = services;
    this.root = root;
    this.began = began;
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
    SessionInfo info = sessions.begin(basePath, true);
    Path directory = sessions.directory(info.id());
    try {
      root.bind(directory, false, new SessionTouches(sessions, info.id()));
    } catch (IllegalArgumentException | UnsupportedOperationException e) {
      sessions.abort(info.id());
      throw new SessionException(
          new SessionError.Io(directory.toString()), "cannot give it to the agent", e);
    }
    began.add(info.id());
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

  /** The sessions this agent began that are still on disk, oldest first. */
  synchronized List<SessionInfo> list() {
    Optional<SessionFs> sessions = services.sessions();
    if (sessions.isEmpty()) {
      return List.of();
    }
    List<SessionInfo> own =
        sessions.get().list().stream().filter(info -> began.contains(info.id())).toList();
    // forget the sessions the retention period has removed, so the set does not only grow
    began.retainAll(own.stream().map(SessionInfo::id).toList());
    return own;
  }

  /**
   * The service no longer knows {@code id} (the retention period or someone else ended it): the
   * agent forgets it, and a root bound to it is unbound, or every later write would fail.
   */
  private void forgetIfGone(String id, SessionException e) {
    if (e.error() instanceof SessionError.UnknownSession(String gone) && gone.equals(id)) {
      began.remove(id);
      finished(id);
    }
  }

  private void finished(String id) {
    if (id.equals(bound)) {
      bound = null;
      root.unbind();
    }
  }

  private void requireOwn(String id) throws SessionException {
    if (!began.contains(id)) {
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
