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

    /**
     * Puts {@code instances} in this target's place and returns their registration: a hot swap.
     * Under the same name the swap is atomic, so the name is never free in between and nobody
     * waiting for it takes it; calls after the swap reach the new instances, and the old ones are
     * then removed as {@link #close} removes them. Under a new name it registers as {@link
     * MeshRegistry#register} does (failing if that name is taken, this target staying in place),
     * then closes this one.
     */
    Registration replace(TargetSpec spec, List<MeshTarget> instances);
  }
}
