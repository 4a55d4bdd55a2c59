package dev.brio.extender;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.brio.extender.roles.Role;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ManifestReaderTest {
  private static final Path FILE = Path.of("components/search.json");

  private static ComponentManifest read(String json) throws ManifestException {
    return ManifestReader.read(FILE, json, "search");
  }

  private static ManifestException refused(String json) {
    return assertThrows(ManifestException.class, () -> read(json));
  }

  @Test
  void everyField() throws Exception {
    assertEquals(
        new ComponentManifest(
            Role.TOOL, "find", Set.of("store", "web"), 4, Duration.ofMillis(2500), 8),
        read(
            """
            {"role": "tool", "target": "find", "grants": ["web", "store"], "pool": 4,
             "timeoutMs": 2500, "mailbox": 8}
            """));
  }

  @Test
  void onlyTheRoleIsRequired() throws Exception {
    assertEquals(
        new ComponentManifest(
            Role.AGENT,
            "search",
            Set.of(),
            1,
            ManifestReader.DEFAULT_TIMEOUT,
            ManifestReader.DEFAULT_MAILBOX),
        read("{\"role\": \"agent\"}"));
  }

  @Test
  void anUnknownFieldIsNamed() {
    var e = refused("{\"role\": \"tool\", \"grant\": [\"web\"]}");
    assertEquals("grant", e.field());
    assertEquals(FILE, e.file());
    assertEquals(
        "components/search.json: field grant: unknown field"
            + " (known: [grants, mailbox, pool, role, target, timeoutMs])",
        e.getMessage());
  }

  @Test
  void badValuesAreRefusedFieldByField() {
    assertEquals("role", refused("{}").field());
    assertEquals(
        "components/search.json: field role: \"admin\" is not one of \"tool\", \"agent\","
            + " \"supervisor\"",
        refused("{\"role\": \"admin\"}").getMessage());
    assertEquals(
        "components/search.json: field pool: 0 is out of range [1, 64]",
        refused("{\"role\": \"tool\", \"pool\": 0}").getMessage());
    assertEquals(
        "components/search.json: field pool: a supervisor is stateful and has one instance, not 2",
        refused("{\"role\": \"supervisor\", \"pool\": 2}").getMessage());
    assertEquals("timeoutMs", refused("{\"role\": \"tool\", \"timeoutMs\": \"5s\"}").field());
    assertEquals("timeoutMs", refused("{\"role\": \"tool\", \"timeoutMs\": 1.5}").field());
    assertEquals("mailbox", refused("{\"role\": \"tool\", \"mailbox\": -1}").field());
    assertEquals("target", refused("{\"role\": \"tool\", \"target\": \"Has Space\"}").field());
    assertEquals("grants", refused("{\"role\": \"tool\", \"grants\": \"web\"}").field());
    assertEquals("grants", refused("{\"role\": \"tool\", \"grants\": [1]}").field());
  }

  @Test
  void aFileNameThatIsNoTargetNameNeedsATarget() throws Exception {
    var e =
        assertThrows(
            ManifestException.class,
            () ->
                ManifestReader.read(Path.of("c/My Tool.json"), "{\"role\": \"tool\"}", "My Tool"));
    assertEquals(
        "c/My Tool.json: field target: \"my tool\", from the file's name, is not a target name"
            + " ([a-z0-9][a-z0-9._-]{0,63})",
        e.getMessage());
    assertEquals(
        "my-tool",
        ManifestReader.read(
                Path.of("c/My Tool.json"),
                "{\"role\": \"tool\", \"target\": \"my-tool\"}",
                "My Tool")
            .target());
  }

  @Test
  void theWildcardGrantIsTheKernelsOnly() {
    assertEquals(
        "components/search.json: field grants: \"*\" is for the kernel only: list the targets by"
            + " name",
        refused("{\"role\": \"tool\", \"grants\": [\"*\"]}").getMessage());
  }

  @Test
  void notAnObjectOrNotJson() {
    assertEquals("components/search.json: must be a JSON object", refused("[1, 2]").getMessage());
    var e = refused("{\"role\": ");
    assertEquals("", e.field());
    assertEquals(true, e.getMessage().startsWith("components/search.json: not valid JSON: "));
  }
}
