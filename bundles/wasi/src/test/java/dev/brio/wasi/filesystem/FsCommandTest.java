package dev.brio.wasi.filesystem;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.brio.component.binary.Component;
import dev.brio.component.binary.ComponentParser;
import dev.brio.component.link.Engine;
import dev.brio.component.link.Linker;
import dev.brio.wasi.Wasi;
import dev.brio.wasi.WasiCommand;
import dev.brio.wasi.WasiConfig;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A C command (components/fixtures/c/fs.c) built with wasi-libc and the preview1 command adapter
 * uses files, directories, seeking, truncation, renames, symlinks, readdir and timestamps through
 * wasi:filesystem, and tries to leave its preopen; the watcher checks the directory beside it.
 */
class FsCommandTest {
  private static final Engine ENGINE = Engine.builder().build();
  private static Component fs;

  @TempDir Path base;
  private Path sandbox;
  private Path readOnly;
  private OutsideWatcher watcher;

  record Run(int code, String stdout, String stderr) {}

  @BeforeAll
  static void parse() throws Exception {
    Path file = Path.of(System.getProperty("brio.fixtures", "target/fixtures"), "fs.wasm");
    fs = ComponentParser.parse(Files.readAllBytes(file));
  }

  @BeforeEach
  void setUp() throws Exception {
    sandbox = Files.createDirectory(base.resolve("sandbox"));
    readOnly = Files.createDirectory(base.resolve("ro"));
    Files.writeString(readOnly.resolve("given.txt"), "given");
    watcher = new OutsideWatcher(base, sandbox, readOnly);
    watcher.file("outside/secret.txt", "outside secret");
    watcher.start();
  }

  @AfterEach
  void nothingOutsideChanged() throws Exception {
    watcher.assertUnchanged();
  }

  private Run run(String group, Preopen... extra) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    WasiConfig.Builder config =
        WasiConfig.builder("fs")
            .args(List.of("fs", group))
            .stdout(out)
            .stderr(err)
            .preopen(new Preopen(sandbox, "/sandbox", false));
    for (Preopen p : extra) {
      config.preopen(p);
    }
    Linker linker = new Linker(ENGINE);
    new Wasi(config.build()).defineFor(fs, linker);
    int code = WasiCommand.run(linker.instantiate(fs));
    return new Run(
        code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  private void assertGroup(String group) throws Exception {
    assertEquals(new Run(0, group + " ok\n", ""), run(group));
  }

  @Test
  void files() throws Exception {
    assertGroup("files");
    assertFalse(Files.exists(sandbox.resolve("a.txt")));
  }

  @Test
  void seeking() throws Exception {
    assertGroup("seek");
    assertEquals(
        "ab234567XY" + "\0".repeat(10) + "!", Files.readString(sandbox.resolve("seek.bin")));
  }

  @Test
  void truncation() throws Exception {
    assertGroup("truncate");
    assertEquals(0, Files.size(sandbox.resolve("t.txt")));
  }

  @Test
  void directories() throws Exception {
    assertGroup("dirs");
    try (var left = Files.list(sandbox)) {
      assertEquals(0, left.count());
    }
  }

  @Test
  void renames() throws Exception {
    assertGroup("rename");
    assertEquals("two", Files.readString(sandbox.resolve("rd2/moved.txt")));
  }

  @Test
  void symlinks() throws Exception {
    assertGroup("symlink");
    assertFalse(Files.exists(sandbox.resolve("link"), LinkOption.NOFOLLOW_LINKS));
    assertEquals(2, Files.getAttribute(sandbox.resolve("hard.txt"), "unix:nlink"));
  }

  @Test
  void readdir() throws Exception {
    assertEquals(new Run(0, "a.txt:f\nb.txt:f\nln:l\nsub:d\nreaddir ok\n", ""), run("readdir"));
  }

  @Test
  void timestamps() throws Exception {
    assertGroup("times");
  }

  @Test
  void escapesFromInsideTheGuestAreRefused() throws Exception {
    assertGroup("escape");
    assertTrue(Files.isRegularFile(sandbox.resolve("evil"), LinkOption.NOFOLLOW_LINKS));
  }

  /**
   * The host keeps swapping {@code swap} between a directory and a symlink to outside while the
   * guest reads through it: it only ever sees the inside copy or a refusal.
   */
  @Test
  void aPathSwappedDuringTheGuestsCallsNeverLeadsOutside() throws Exception {
    Run r;
    try (var _ = new PathSwapper(sandbox)) {
      r = run("race");
    }
    assertEquals(0, r.code(), r.stderr());
    assertTrue(r.stdout().startsWith("race ok\n"), r.stdout());
  }

  @Test
  void aReadOnlyPreopenRefusesChanges() throws Exception {
    FileTime before = Files.getLastModifiedTime(readOnly);
    assertEquals(
        new Run(0, "readonly ok\n", ""), run("readonly", new Preopen(readOnly, "/ro", true)));
    try (var left = Files.list(readOnly)) {
      assertEquals(List.of(readOnly.resolve("given.txt")), left.toList());
    }
    assertEquals("given", Files.readString(readOnly.resolve("given.txt")));
    assertEquals(before, Files.getLastModifiedTime(readOnly));
  }
}
