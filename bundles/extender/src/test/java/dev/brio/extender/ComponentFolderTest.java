package dev.brio.extender;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.brio.api.mesh.MeshErrorKind;
import dev.brio.api.mesh.MeshException;
import dev.brio.api.mesh.Payload;
import dev.brio.api.mesh.TargetSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The folder as an operator uses it: files copied in, changed and removed between scans. */
class ComponentFolderTest {
  @TempDir Path dir;

  /** What the folder told its listener, one line per report. */
  private final List<String> reports = new ArrayList<>();

  private final DeployListener recorder =
      new DeployListener() {
        @Override
        public void deployed(String name, ComponentManifest manifest, String file) {
          reports.add("deployed " + name + " as " + manifest.target());
        }

        @Override
        public void removed(String name, String target) {
          reports.add("removed " + name + " (" + target + ")");
        }

        @Override
        public void refused(String name, String file, DeployException problem) {
          reports.add("refused " + name + ": " + problem.reason() + ": " + problem.getMessage());
        }
      };

  /** Two scans: a change is acted on once it has settled. */
  private static void settle(ComponentFolder folder) throws Exception {
    folder.scan();
    folder.scan();
  }

  private void put(String name, String manifest) throws Exception {
    Files.writeString(dir.resolve(name + ".json"), manifest);
    Files.write(dir.resolve(name + ".wasm"), Fixtures.bytes("mesh-tool"));
  }

  @Test
  void deployedWhenSettled_redeployedWhenChanged_removedWhenDeleted() throws Exception {
    try (var mesh = new TestMesh()) {
      var folder = new ComponentFolder(dir, mesh.deployer, recorder);
      put("shout", "{\"role\": \"tool\"}");
      folder.scan();
      assertEquals(List.of(), mesh.switchboard.targets(), "acted on before the files settled");
      folder.scan();
      assertEquals(List.of("shout"), mesh.switchboard.targets());
      assertEquals(
          Payload.json("\"HEY\""),
          mesh.switchboard.call(TestMesh.OPERATOR, "shout", "m", Payload.json("\"hey\"")));

      Files.writeString(dir.resolve("shout.json"), "{\"role\": \"tool\", \"target\": \"yell\"}");
      settle(folder);
      assertEquals(List.of("yell"), mesh.switchboard.targets());

      Files.delete(dir.resolve("shout.wasm"));
      settle(folder);
      assertEquals(List.of(), mesh.switchboard.targets());
      var gone =
          assertThrows(
              MeshException.class,
              () -> mesh.switchboard.call(TestMesh.OPERATOR, "yell", "m", Payload.json("1")));
      assertEquals(MeshErrorKind.UNKNOWN_TARGET, gone.kind());
      assertEquals(
          List.of(
              "deployed shout as shout",
              "deployed shout as yell",
              "removed shout (yell)",
              "refused shout: MISSING_FILE: "
                  + dir.resolve("shout.json")
                  + " has no shout.wasm beside it"),
          reports);
    }
  }

  @Test
  void aBadManifestIsReportedOnceAndTheOtherComponentsDeploy() throws Exception {
    try (var mesh = new TestMesh()) {
      var folder = new ComponentFolder(dir, mesh.deployer, recorder);
      put("good", "{\"role\": \"tool\"}");
      put("bad", "{\"role\": \"tool\", \"pool\": \"many\"}");
      settle(folder);
      settle(folder);
      assertEquals(List.of("good"), mesh.switchboard.targets());
      assertEquals(
          List.of(
              "refused bad: MANIFEST: "
                  + dir.resolve("bad.json")
                  + ": field pool: \"many\" is not an integer",
              "deployed good as good"),
          reports);

      Files.writeString(dir.resolve("bad.json"), "{\"role\": \"tool\", \"pool\": 2}");
      settle(folder);
      assertEquals(List.of("bad", "good"), mesh.switchboard.targets());
    }
  }

  @Test
  void aComponentWithoutItsManifestIsNotLoaded() throws Exception {
    try (var mesh = new TestMesh()) {
      var folder = new ComponentFolder(dir, mesh.deployer, recorder);
      Files.write(dir.resolve("lonely.wasm"), Fixtures.bytes("mesh-tool"));
      settle(folder);
      assertEquals(List.of(), mesh.switchboard.targets());
      assertEquals(1, reports.size());
      assertTrue(
          reports.getFirst().endsWith("lonely.wasm has no lonely.json beside it"),
          reports.getFirst());
    }
  }

  @Test
  void aMissingFolderIsEmpty() throws Exception {
    try (var mesh = new TestMesh()) {
      var folder = new ComponentFolder(dir.resolve("not-there"), mesh.deployer, recorder);
      settle(folder);
      assertEquals(List.of(), reports);
    }
  }

  @Test
  void aComponentWhoseTargetNameIsTakenDeploysOnceTheNameIsFree() throws Exception {
    try (var mesh = new TestMesh()) {
      var java =
          mesh.switchboard.register(
              new TargetSpec("shout", Duration.ofSeconds(5), 4),
              List.of((call, args) -> Payload.json("\"java\"")));
      var folder = new ComponentFolder(dir, mesh.deployer, recorder);
      put("shout", "{\"role\": \"tool\"}");
      settle(folder);
      assertEquals(1, reports.size(), reports.toString());
      assertTrue(reports.getFirst().startsWith("refused shout: CONFLICT"), reports.toString());
      folder.scan();
      assertEquals(1, reports.size(), "not retried while the name is taken: " + reports);

      java.close(); // the Java service goes; the files did not change
      folder.scan();
      assertEquals("deployed shout as shout", reports.getLast());
      assertEquals(
          Payload.json("\"HEY\""),
          mesh.switchboard.call(TestMesh.OPERATOR, "shout", "m", Payload.json("\"hey\"")));
    }
  }
}
