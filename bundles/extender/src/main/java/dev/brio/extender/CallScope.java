package dev.brio.extender;

import dev.brio.api.mesh.CallInfo;
import dev.brio.api.mesh.MeshException;

/**
 * What an instance's surroundings need for the length of one call, set up before the handler runs
 * and undone after it, e.g. a tool's workspace bound to its caller's session.
 */
@FunctionalInterface
interface CallScope {
  /** Nothing to set up. */
  CallScope NONE = call -> () -> {};

  /**
   * Sets up for {@code call}.
   *
   * @throws MeshException if the call cannot run as asked; the handler is then not entered
   */
  Entered enter(CallInfo call) throws MeshException;

  /** Undoes what {@link #enter} set up. */
  @FunctionalInterface
  interface Entered extends AutoCloseable {
    @Override
    void close();
  }
}
