package dev.brio.extender.roles;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * wit/ is the law: the worlds the kernel enforces ({@link RoleWorld}) are the worlds written in
 * {@code wit/worlds.wit}, import for import and export for export.
 */
class WorldsWitTest {
  private static final Path WORLDS = Path.of("../../wit/worlds.wit");

  @Test
  void theEnforcedWorldsAreTheWorldsInWit() throws IOException {
    String wit = Files.readString(WORLDS);
    for (Role role : Role.values()) {
      var world =
          Pattern.compile("world " + role.worldName() + " \\{(.*?)\\}", Pattern.DOTALL)
              .matcher(wit);
      assertEquals(true, world.find(), "no world " + role.worldName() + " in " + WORLDS);
      Set<String> imports = items(world.group(1), "import");
      Set<String> exports = items(world.group(1), "export");
      var expected = new TreeSet<>(RoleWorld.of(role).brioImports());
      expected.add("wasi:logging/logging@0.1.0-draft");
      assertEquals(expected, imports, role + " imports");
      assertEquals(new TreeSet<>(RoleWorld.of(role).brioExports()), exports, role + " exports");
    }
  }

  private static Set<String> items(String body, String keyword) {
    Set<String> found = new TreeSet<>();
    var item = Pattern.compile("^\\s*" + keyword + " ([^;]+);", Pattern.MULTILINE).matcher(body);
    while (item.find()) {
      found.add(item.group(1).strip());
    }
    return found;
  }
}
