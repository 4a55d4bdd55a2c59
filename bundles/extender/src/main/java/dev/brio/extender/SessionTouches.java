package dev.brio.extender;

import dev.brio.api.session.SessionError;
import dev.brio.api.session.SessionException;
import dev.brio.api.session.SessionFs;
import dev.brio.wasi.filesystem.TouchListener;

/**
 * Tells a session every path a guest changes through the workspace bound to it, so that its commit
 * looks at those paths only.
 */
record SessionTouches(SessionFs sessions, String session) implements TouchListener {
  @Override
  public void touched(String relativePath) {
    try {
      sessions.recordTouched(session, relativePath);
    } catch (SessionException e) {
      if (e.error() instanceof SessionError.Io) {
        // A path the session refuses to record (inside .git, say) is one its commit never
        // applies either, so there is nothing to remember.
        return;
      }
      // The session ended under the guest's feet: stop the guest rather than lose a change.
      throw new IllegalStateException(
          "session " + session + " cannot record a change to " + relativePath, e);
    }
  }
}
