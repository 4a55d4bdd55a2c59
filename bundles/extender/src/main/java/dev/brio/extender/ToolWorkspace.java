package dev.brio.extender;

import dev.brio.api.mesh.CallInfo;
import dev.brio.api.mesh.MeshErrorKind;
import dev.brio.api.mesh.MeshException;
import dev.brio.api.session.SessionException;
import dev.brio.api.session.SessionFs;
import dev.brio.wasi.filesystem.WorkspaceRoot;
import java.nio.file.Path;

/**
 * A tool instance's workspace: bound to the directory of the session its call runs in (the
 * caller's, passed down the call chain by the mesh) for the length of that call, its changes
 * recorded to that session, and unbound again after it. A call outside any session finds it
 * unbound, so every filesystem operation is refused.
 *
 * <p>The binding also ends at the call's deadline, whether or not the handler has returned: by then
 * the caller has its answer (an error) and may commit the session, and a tool still running (in a
 * long host call the interrupt does not reach) must not write into it any more.
 */
final class ToolWorkspace implements CallScope {
  private final String target;
  private final KernelServices services;
  private final WorkspaceRoot root;
  private final Deadlines deadlines;

  ToolWorkspace(String target, KernelServices services, WorkspaceRoot root, Deadlines deadlines) {
    this.target = target;
    this.services = services;
    this.root = root;
    this.deadlines = deadlines;
  }

  WorkspaceRoot root() {
    return root;
  }

  @Override
  public Entered enter(CallInfo call) throws MeshException {
    if (call.session().isEmpty()) {
      root.unbind(); // already unbound, unless an earlier call's unbinding was skipped
      return () -> {};
    }
    String session = call.session().get();
    SessionFs sessions =
        services
            .sessions()
            .orElseThrow(
                () -> refused(call, session, "the workspace session service is not running"));
    Path directory;
    try {
      directory = sessions.directory(session);
    } catch (SessionException e) {
      throw refused(call, session, e.getMessage());
    }
    WorkspaceRoot.Bound bound;
    try {
      bound = root.bind(directory, false, new SessionTouches(sessions, session));
    } catch (IllegalArgumentException | UnsupportedOperationException e) {
      throw refused(call, session, e.getMessage());
    }
    Deadlines.Timer cutOff = deadlines.at(call.deadline(), bound::release);
    return () -> {
      cutOff.cancel();
      bound.release();
    };
  }

  private MeshException refused(CallInfo call, String session, String why) {
    return new MeshException(
        MeshErrorKind.TARGET_ERROR,
        "%s.%s cannot work in session %s: %s".formatted(target, call.method(), session, why));
  }
}
