package dev.brio.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.brio.wasi.filesystem.Preopen;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;

/** The forms of {@code brio run --dir}, on real directories. */
class DirOptionTest {
  private final CommandLine cli = Brio.commandLine();

  @Test
  void hostAndGuestWithOptionalAccess(@TempDir Path dir) {
    assertEquals(new Preopen(dir, "/data", false), DirOption.parse(dir + "::/data", cli));
    assertEquals(new Preopen(dir, "/data", true), DirOption.parse(dir + "::/data:ro", cli));
    assertEquals(new Preopen(dir, "/data", false), DirOption.parse(dir + "::/data:rw", cli));
  }

  @Test
  void aHostPathAloneIsAlsoTheGuestPath(@TempDir Path dir) {
    assertEquals(new Preopen(dir, dir.toString(), false), DirOption.parse(dir.toString(), cli));
    assertEquals(new Preopen(dir, dir.toString(), true), DirOption.parse(dir + ":ro", cli));
  }

  @Test
  void aRelativeHostPathIsResolvedAgainstTheWorkingDirectory() {
    Preopen p = DirOption.parse(".::/here", cli);
    assertEquals(Path.of("").toAbsolutePath().normalize(), p.hostDir());
  }

  @Test
  void emptyPartsAndMissingDirectoriesAreUsageErrors(@TempDir Path dir) {
    for (String bad : new String[] {"::/x", dir + "::", dir + "::" + ":ro"}) {
      ParameterException e =
          assertThrows(ParameterException.class, () -> DirOption.parse(bad, cli));
      assertTrue(e.getMessage().contains("expected HOST::GUEST"), e.getMessage());
    }
    ParameterException e =
        assertThrows(
            ParameterException.class, () -> DirOption.parse(dir.resolve("nope") + "::/x", cli));
    assertTrue(e.getMessage().contains("is not a directory"), e.getMessage());
  }
}
