package dev.brio.api.mesh;

/**
 * Something the mesh can call. A Java bundle offers one by registering this interface as an OSGi
 * service with the property {@value #NAME} (the target's name); the component extender makes one
 * per Wasm component instance that exports {@code brio:core/handler} and adds them through the
 * {@link MeshRegistry}.
 *
 * <p>The mesh never enters one instance from two threads at once. A Java service registered with
 * {@value #CONCURRENCY} {@code = n} is called from up to n threads at once and must be safe for
 * that.
 */
public interface MeshTarget {
  /** Service property: the target's name in the mesh. Required. */
  String NAME = "brio.mesh.target";

  /** Service property: how many calls a Java target takes at once (an integer, default 8). */
  String CONCURRENCY = "brio.mesh.concurrency";

  /** Service property: the longest a call to this target may take, in milliseconds. */
  String TIMEOUT_MS = "brio.mesh.timeout.ms";

  /**
   * Service property: {@code true} lets a call that finds an instance idle run on the caller's
   * thread (see {@link TargetSpec#runOnCaller}). The handler must then not rely on which thread
   * runs it, and must stop when interrupted (that is how its deadline is enforced).
   */
  String RUN_ON_CALLER = "brio.mesh.run.on.caller";

  /**
   * Handles one call. A {@link MeshException} (or any other exception) goes back to the caller as
   * the error of its call; an interrupt means the caller gave up and the answer is not needed.
   */
  Payload handle(CallInfo call, Payload args) throws MeshException;
}
