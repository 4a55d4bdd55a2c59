package dev.brio.api.mesh;

import java.util.List;

/**
 * Adds targets to the mesh at run time. The kernel registers each Wasm component here with one
 * {@link MeshTarget} per instance (a pool for a stateless tool, one for an agent in a session).
 */
public interface MeshRegistry {

  /**
   * Registers {@code instances} under {@code spec.name()}; each gets its own mailbox and thread.
   * Fails if the name is taken.
   */
  Registration register(TargetSpec spec, List<MeshTarget> instances);

  /** A registered target. Closing it removes the target (see {@link #close}). */
  interface Registration extends AutoCloseable {
    /**
     * Removes the target: new calls fail with {@link MeshErrorKind#UNKNOWN_TARGET}, calls still
     * waiting in a mailbox fail with {@link MeshErrorKind#TARGET_GONE}, calls already running
     * finish (and are interrupted after a grace period). Returns when every instance is idle.
     */
    @Override
    void close();
  }
}
