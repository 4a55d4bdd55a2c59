package dev.brio.api.session;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Workspace sessions ({@code brio:core/session-fs}): a session is a copy of a project directory
 * (the base) that an agent edits freely; {@link #commit} applies its changes to the base all or
 * nothing, or refuses with a conflict when the base changed where the session did. Implementations
 * are safe for concurrent use.
 */
public interface SessionFs {

  /**
   * Copies {@code basePath} into a new session directory and records its snapshot. When {@code
   * trackTouched} is set, the caller promises to {@link #recordTouched report} every path it
   * writes, and commits look only at those paths.
   *
   * @param owner who begins it (see {@link SessionRecord#owner()}): the kernel passes an agent's
   *     component name, so the agent reaches the session again after a redeployment or a restart
   *     through {@link #listOwnedBy}; empty for a session nobody owns
   * @return the new session
   */
  SessionInfo begin(String basePath, boolean trackTouched, Optional<String> owner)
      throws SessionException;

  /** Begins a session nobody owns (no agent reaches it); for Java callers such as the kernel. */
  default SessionInfo begin(String basePath, boolean trackTouched) throws SessionException {
    return begin(basePath, trackTouched, Optional.empty());
  }

  /**
   * Begins a session nobody owns, without touched-path tracking: commits rescan the whole session.
   */
  default SessionInfo begin(String basePath) throws SessionException {
    return begin(basePath, false);
  }

  /** The session's directory, which an agent's instance gets as its only preopen. */
  Path directory(String id) throws SessionException;

  /**
   * Records that the session wrote, created, deleted or renamed {@code relativePath} (relative to
   * the session directory, {@code /} separators). A directory stands for its whole subtree.
   */
  void recordTouched(String id, String relativePath) throws SessionException;

  /** The paths recorded as touched so far. */
  Set<String> touched(String id) throws SessionException;

  /** The changes a commit would apply now, without applying them. */
  List<PathChange> changes(String id, DiffMode mode) throws SessionException;

  /** Applies the session's changes to its base, all or nothing. */
  default CommitResult commit(String id) throws SessionException {
    return commit(id, DiffMode.TOUCHED);
  }

  /** Applies the session's changes, found with {@code mode}, to its base, all or nothing. */
  CommitResult commit(String id, DiffMode mode) throws SessionException;

  /** Discards the session; its directory is removed with the finished sessions. */
  void abort(String id) throws SessionException;

  /** Every session still on disk, open or finished, oldest first. */
  List<SessionInfo> list();

  /**
   * The sessions {@code owner} began that are still on disk, open or finished, oldest first: what
   * an agent named {@code owner} may list, and (the open ones) commit and abort.
   */
  List<SessionInfo> listOwnedBy(String owner);
}
