package dev.brio.api.mesh;

import java.util.List;

/** The switchboard: routes a call to a target by name, within the caller's grants and deadline. */
public interface Mesh {

  /**
   * Calls {@code method} on {@code target} and waits for its answer. Made from inside a call the
   * mesh delivered, the new call is that call's child: it inherits its deadline and its chain,
   * which is how a cycle back into a waiting instance is caught, and its workspace session unless
   * {@code caller} works in one of its own (see {@link CallInfo#session}).
   */
  Payload call(Caller caller, String target, String method, Payload args) throws MeshException;

  /** The names of the registered targets. */
  List<String> targets();

  /** Calls, errors and latency per target since it was registered. */
  List<TargetStats> stats();
}
