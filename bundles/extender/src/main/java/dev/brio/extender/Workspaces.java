package dev.brio.extender;

import dev.brio.wasi.filesystem.WorkspaceRoot;

/**
 * Where agents and tools see their workspace. Every agent and tool instance gets one workspace root
 * of its own at {@value #GUEST_PATH}, always listed among its preopens (the only one), and bound to
 * a session's directory only while it works in that session: an agent from {@code begin-session} to
 * a successful commit or an abort, a tool for the length of a call made in a session. Unbound,
 * every filesystem operation through it is refused.
 */
final class Workspaces {
  /** The guest path of the workspace preopen. */
  static final String GUEST_PATH = "/workspace";

  private Workspaces() {}

  static WorkspaceRoot newRoot() {
    return new WorkspaceRoot(GUEST_PATH);
  }
}
