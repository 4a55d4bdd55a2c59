package dev.brio.wasi.filesystem;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Configuring the filesystem host: preopens are checked up front. */
class WasiFilesystemTest {
  @TempDir Path dir;

  @Test
  void keepsItsPreopensInOrder() {
    Preopen a = new Preopen(dir, "/a", false);
    Preopen b = new Preopen(dir, "/b", true);
    assertEquals(List.of(a, b), new WasiFilesystem(List.of(a, b)).preopens());
  }

  @Test
  void aMissingHostDirectoryIsRejectedByName() {
    Path missing = dir.resolve("missing");
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> new WasiFilesystem(List.of(new Preopen(missing, "/data", false))));
    assertTrue(e.getMessage().contains(missing.toString()), e.getMessage());
    assertTrue(e.getMessage().contains("no-entry"), e.getMessage());
  }

  @Test
  void aFileIsNoPreopen() throws Exception {
    Path file = Files.writeString(dir.resolve("file.txt"), "x");
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> new WasiFilesystem(List.of(new Preopen(file, "/data", false))));
    assertTrue(e.getMessage().contains("not-directory"), e.getMessage());
  }

  @Test
  void anEmptyGuestPathIsRejected() {
    assertThrows(IllegalArgumentException.class, () -> new Preopen(dir, "", false));
  }
}
