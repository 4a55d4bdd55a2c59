package dev.brio.launcher;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Docs that run: every {@code ./brio} command the README shows parses with the real CLI, the set-up
 * section has exactly the two commands a newcomer runs, and CI runs the test command.
 */
class ReadmeCommandsTest {
  private static final Path ROOT = Path.of("../..");

  private static List<String> codeLines() throws IOException {
    List<String> lines = new ArrayList<>();
    boolean inCode = false;
    for (String line : Files.readAllLines(ROOT.resolve("README.md"))) {
      if (line.startsWith("```")) {
        inCode = !inCode;
      } else if (inCode) {
        int comment = line.indexOf(" #");
        lines.add((comment < 0 ? line : line.substring(0, comment)).strip());
      }
    }
    return lines;
  }

  @Test
  void everyBrioCommandInTheReadmeParses() throws IOException {
    List<String> commands = codeLines().stream().filter(l -> l.startsWith("./brio ")).toList();
    assertFalse(commands.isEmpty(), "the README shows no ./brio command");
    for (String command : commands) {
      String[] args = command.substring("./brio ".length()).split("\\s+");
      assertDoesNotThrow(
          () -> Brio.commandLine().parseArgs(args), "README command does not parse: " + command);
    }
  }

  @Test
  void setUpHasExactlyTwoCommandsAndCiRunsTheTestCommand() throws IOException {
    String readme = Files.readString(ROOT.resolve("README.md"));
    String setUp = readme.substring(readme.indexOf("## Set up"), readme.indexOf("## Using"));
    List<String> commands =
        Arrays.stream(setUp.split("\n"))
            .filter(l -> l.startsWith("./"))
            .map(l -> l.replaceAll("\\s+#.*", "").strip())
            .toList();
    assertEquals(List.of("./mvnw verify", "./brio demo"), commands);
    assertTrue(
        Files.readString(ROOT.resolve(".ci/run")).contains(commands.get(0)),
        ".ci/run does not run the README's test command");
  }
}
