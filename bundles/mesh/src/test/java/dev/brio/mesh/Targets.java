package dev.brio.mesh;

import dev.brio.api.mesh.Caller;
import dev.brio.api.mesh.MeshTarget;
import dev.brio.api.mesh.TargetSpec;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.Set;

/** Small helpers for the mesh tests: callers, specs and pools. */
final class Targets {
  static final Caller KERNEL =
      new Caller("kernel", Set.of(Caller.ANY_TARGET), Duration.ofSeconds(30));

  private Targets() {}

  static Caller caller(String name, Duration timeout, String... grants) {
    return new Caller(name, Set.of(grants), timeout);
  }

  static TargetSpec spec(String name, int capacity) {
    return new TargetSpec(name, Duration.ofMinutes(1), capacity);
  }

  static List<MeshTarget> pool(MeshTarget target, int size) {
    return Collections.nCopies(size, target);
  }
}
