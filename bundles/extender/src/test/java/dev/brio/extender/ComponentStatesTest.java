package dev.brio.extender;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.brio.api.deploy.WasmComponentState;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The states the kernel's status shows, as the real folder and deployer produce them. */
class ComponentStatesTest {
  @TempDir Path dir;

  private final Instant now = Instant.parse("2026-12-01T12:00:00Z");
  private final ComponentStates states = new ComponentStates(Clock.fixed(now, ZoneOffset.UTC));

  private static void settle(ComponentFolder folder) throws Exception {
    folder.scan();
    folder.scan();
  }

  @Test
  void aRefusedComponentStaysListedWithItsReasonUntilItsFilesGo() throws Exception {
    try (var mesh = new TestMesh()) {
      var folder = new ComponentFolder(dir, mesh.deployer, states);
      Files.writeString(dir.resolve("shout.json"), "{\"role\": \"tool\"}");
      Files.write(dir.resolve("shout.wasm"), Fixtures.bytes("mesh-tool"));
      settle(folder);
      assertEquals(
          List.of(new WasmComponentState("shout", "shout", "tool", true, "", now)),
          states.components());

      // a broken new version: refused, and the name is no longer deployed
      Files.write(dir.resolve("shout.wasm"), new byte[] {0, 'a', 's', 'm', 13, 0, 1, 0, 9});
      settle(folder);
      WasmComponentState refused = states.components().getFirst();
      assertFalse(refused.deployed());
      assertTrue(refused.refused());
      assertEquals("tool", refused.role(), "the role of the version it had");
      assertTrue(
          refused.problem().contains("shout.wasm is not a valid component"), refused.problem());

      // a manifest that is not even readable: refused before the role is known
      Files.writeString(dir.resolve("other.json"), "{\"role\": \"wizard\"}");
      Files.write(dir.resolve("other.wasm"), Fixtures.bytes("mesh-tool"));
      settle(folder);
      WasmComponentState other = states.components().get(0);
      assertEquals("other", other.name());
      assertEquals("", other.role());
      assertTrue(other.problem().contains("role"), other.problem());

      Files.delete(dir.resolve("shout.wasm"));
      Files.delete(dir.resolve("shout.json"));
      settle(folder);
      assertEquals(List.of("other"), states.components().stream().map(s -> s.name()).toList());
    }
  }
}
