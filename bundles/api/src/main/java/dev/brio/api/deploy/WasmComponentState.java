package dev.brio.api.deploy;

import java.time.Instant;
import java.util.Objects;

/**
 * One component in the watched folder, as the extender last left it.
 *
 * @param name the component's file name without {@code .wasm}
 * @param target the mesh target it serves (its name when it never got as far as its manifest)
 * @param role {@code tool}, {@code agent} or {@code supervisor}; empty when the manifest was not
 *     read
 * @param deployed whether it serves calls now (a refused version leaves its name undeployed: what
 *     is on disk is what should run)
 * @param problem why it was refused, naming the file and what is wrong; empty when deployed
 * @param since when it reached this state
 */
public record WasmComponentState(
    String name, String target, String role, boolean deployed, String problem, Instant since) {
  public WasmComponentState {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(target, "target");
    Objects.requireNonNull(role, "role");
    Objects.requireNonNull(problem, "problem");
    Objects.requireNonNull(since, "since");
  }

  /** Whether its last version was refused. */
  public boolean refused() {
    return !problem.isEmpty();
  }
}
