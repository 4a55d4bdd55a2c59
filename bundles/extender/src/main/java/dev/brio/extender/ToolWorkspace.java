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
 */
final class ToolWorkspace implements CallScope {
  private final String target;
  private final KernelServices services;
  private final WorkspaceRoot root;

  ToolWorkspace(String target, KernelServices services, WorkspaceRoot root) {
    this.target = target;
    this.services = services;
    this.root = root;
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
    try {
      root.bind(directory, false, new SessionTouches(sessions, session));
    } catch (IllegalArgumentException | UnsupportedOperationException e) {
      throw refused(call, session, e.getMessage());
    }
    return root::unbind;
  }

  private MeshException refused(CallInfo call, String session, String why) {
    return new MeshException(
        MeshErrorKind.TARGET_ERROR,
        "%s.%s cannot work in session %s: %s".formatted(target, call.method(), session, why));
  }
}
