package dev.brio.mesh;

import static dev.brio.mesh.Targets.KERNEL;
import static dev.brio.mesh.Targets.caller;
import static dev.brio.mesh.Targets.spec;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.brio.api.mesh.CallInfo;
import dev.brio.api.mesh.Caller;
import dev.brio.api.mesh.Payload;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The workspace session a call runs in travels from the caller down the call chain. */
class SwitchboardSessionTest {
  private final Switchboard mesh = new Switchboard();
  private final ConcurrentMap<String, Optional<String>> seen = new ConcurrentHashMap<>();

  @AfterEach
  void close() {
    mesh.close();
  }

  /** A target that records its call's session and, when asked to, calls {@code next}. */
  private void register(String name, Caller asCaller, String next) {
    mesh.register(
        spec(name, 4),
        List.of(
            (CallInfo call, Payload args) -> {
              seen.put(name, call.session());
              if (next != null) {
                mesh.call(asCaller, next, call.method(), args);
              }
              return args;
            }));
  }

  @Test
  void aCallOutsideAnySessionHasNone() throws Exception {
    register("tool", null, null);
    mesh.call(KERNEL, "tool", "run", Payload.json("{}"));
    assertEquals(Optional.empty(), seen.get("tool"));
  }

  @Test
  void theCallersSessionReachesTheTargetAndEveryCallItMakes() throws Exception {
    register("leaf", null, null);
    register("middle", caller("middle", Duration.ofSeconds(5), "leaf"), "leaf");
    mesh.call(KERNEL.inSession("s-1"), "middle", "run", Payload.json("{}"));
    assertEquals(Optional.of("s-1"), seen.get("middle"));
    assertEquals(Optional.of("s-1"), seen.get("leaf"), "a nested call inherits the session");
  }

  @Test
  void aCallerInItsOwnSessionOverridesTheInheritedOne() throws Exception {
    register("leaf", null, null);
    register(
        "agent", caller("agent", Duration.ofSeconds(5), "leaf").inSession("agent-own"), "leaf");
    mesh.call(KERNEL.inSession("outer"), "agent", "run", Payload.json("{}"));
    assertEquals(Optional.of("outer"), seen.get("agent"));
    assertEquals(Optional.of("agent-own"), seen.get("leaf"));
  }
}
