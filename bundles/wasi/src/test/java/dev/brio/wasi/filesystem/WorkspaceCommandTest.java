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
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * C commands built with wasi-libc and the preview1 adapter (which list their preopens once, at
 * start-up) using a {@link WorkspaceRoot}: components/fixtures/c/workspace.c at {@code /work}, and
 * the whole components/fixtures/c/fs.c suite with the workspace standing in for its {@code
 * /sandbox} preopen. The guest's stdout is read line by line as it is written, so the guest can ask
 * for a rebinding in the middle of its run and mark where each step starts among the changes the
 * listener hears.
 */
class WorkspaceCommandTest {
  private static final Engine ENGINE = Engine.builder().build();
  private static Component workspaceC;
  private static Component fsC;

  @TempDir Path base;
  private Path first;
  private Path second;
  private OutsideWatcher watcher;
  private final WorkspaceRoot root = new WorkspaceRoot("/work");

  /** What the first binding's listener heard, with the guest's "step" lines in between. */
  private final List<String> heard = new CopyOnWriteArrayList<>();

  /** What the second binding's listener heard. */
  private final List<String> heardSecond = new CopyOnWriteArrayList<>();

  record Run(int code, String stdout, String stderr) {}

  @BeforeAll
  static void parse() throws Exception {
    Path dir = Path.of(System.getProperty("brio.fixtures", "target/fixtures"));
    workspaceC = ComponentParser.parse(Files.readAllBytes(dir.resolve("workspace.wasm")));
    fsC = ComponentParser.parse(Files.readAllBytes(dir.resolve("fs.wasm")));
  }

  @BeforeEach
  void setUp() throws Exception {
    first = Files.createDirectory(base.resolve("first"));
    second = Files.createDirectory(base.resolve("second"));
    watcher = new OutsideWatcher(base, first, second);
    watcher.file("outside/secret.txt", "outside secret");
    watcher.file("outside.txt", "next to the workspaces");
  }

  @AfterEach
  void nothingOutsideChanged() throws Exception {
    root.unbind();
    watcher.assertUnchanged();
  }

  /**
   * Runs {@code group} of {@code component} with {@code root} granted; stdout lines "rebind" and
   * "unbind" act on the root, "step X" lines go into {@link #heard}.
   */
  private Run run(Component component, String group) throws Exception {
    watcher.start();
    LineSink out = new LineSink();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    WasiConfig config =
        WasiConfig.builder("workspace")
            .args(List.of("workspace", group))
            .stdout(out)
            .stderr(err)
            .workspace(root)
            .build();
    Linker linker = new Linker(ENGINE);
    new Wasi(config).defineFor(component, linker);
    int code = WasiCommand.run(linker.instantiate(component));
    return new Run(code, out.printed(), err.toString(StandardCharsets.UTF_8));
  }

  /** The guest's stdout, acting on each complete line as it arrives. */
  private final class LineSink extends OutputStream {
    private final ByteArrayOutputStream all = new ByteArrayOutputStream();
    private final ByteArrayOutputStream line = new ByteArrayOutputStream();
    private final List<String> printed = new ArrayList<>();

    @Override
    public void write(int b) {
      all.write(b);
      if (b != '\n') {
        line.write(b);
        return;
      }
      String l = line.toString(StandardCharsets.UTF_8);
      line.reset();
      switch (l) {
        case "rebind" -> root.bind(second, false, heardSecond::add);
        case "unbind" -> root.unbind();
        default -> {
          if (l.startsWith("step ")) {
            heard.add("# " + l.substring(5));
          } else {
            printed.add(l);
          }
        }
      }
    }

    String printed() {
      return printed.stream().map(l -> l + "\n").reduce("", String::concat);
    }
  }

  @Test
  void unboundEveryOperationIsRefusedWithEperm() throws Exception {
    Files.writeString(first.resolve("given.txt"), "given");
    assertEquals(new Run(0, "unbound ok\n", ""), run(workspaceC, "unbound"));
    assertEquals("given", Files.readString(first.resolve("given.txt")));
    assertTrue(heard.isEmpty());
  }

  @Test
  void everyChangeIsReportedOnceWithItsPathBeneathTheRoot() throws Exception {
    root.bind(first, false, heard::add);
    assertEquals(new Run(0, "touch ok\n", ""), run(workspaceC, "touch"));
    assertEquals(
        List.of(
            "# create",
            "a.txt",
            "a.txt",
            "# mkdir",
            "d",
            "# nested",
            "d/f.txt",
            "d/f.txt",
            "# through-a-directory",
            "d/f.txt",
            "# rename",
            "d/f.txt",
            "g.txt",
            "# symlink",
            "ln",
            "# link",
            "g.txt",
            "hard.txt",
            "# pwrite",
            "g.txt",
            "# ftruncate",
            "g.txt",
            "# futimens",
            "g.txt",
            "# utimensat",
            "a.txt",
            "# unlink",
            "ln",
            "# rmdir",
            "d",
            "# refused"),
        heard);
    try (var left = Files.list(first)) {
      assertEquals(
          List.of("a.txt", "g.txt", "hard.txt"),
          left.map(p -> p.getFileName().toString()).sorted().toList());
    }
    assertEquals("G!\0", Files.readString(first.resolve("g.txt")));
  }

  @Test
  void rebindingCutsOffTheOldDescriptorsAndTheRootFollows() throws Exception {
    Files.writeString(first.resolve("keep.txt"), "kept");
    Files.createDirectory(first.resolve("sub"));
    Files.writeString(first.resolve("sub/inner.txt"), "inner");
    Files.writeString(second.resolve("second.txt"), "second");
    root.bind(first, false, heard::add);
    Run r = run(workspaceC, "rebind");
    assertEquals(new Run(0, "rebind ok\n", ""), r);
    assertEquals(Optional.empty(), root.directory());
    assertEquals("kept", Files.readString(first.resolve("keep.txt")));
    assertFalse(Files.exists(first.resolve("sub/new")));
    assertFalse(Files.exists(first.resolve("after.txt")));
    assertEquals("after", Files.readString(second.resolve("after.txt")));
    assertTrue(heard.isEmpty(), heard.toString());
    assertEquals(List.of("after.txt", "after.txt"), heardSecond);
  }

  /**
   * The preview1 adapter opens directories without asking for {@code mutate-directory}; as in
   * wasmtime they inherit the right, so a C program's {@code *at} calls through a directory it
   * opened change its entries, and each change is reported with its path under the workspace.
   */
  @Test
  void aDirectoryOpenedWithOpendirChangesItsEntriesAndReportsThem() throws Exception {
    Files.createDirectory(first.resolve("sub"));
    Files.writeString(first.resolve("sub/inner.txt"), "inner");
    Files.createDirectory(first.resolve("sub/empty"));
    root.bind(first, false, heard::add);
    assertEquals(new Run(0, "mutate ok\n", ""), run(workspaceC, "mutate"));
    try (var left = Files.list(first.resolve("sub"))) {
      assertEquals(
          List.of("d", "inner.txt", "moved.txt"),
          left.map(p -> p.getFileName().toString()).sorted().toList());
    }
    assertEquals("Inner", Files.readString(first.resolve("sub/inner.txt")));
    assertEquals(
        List.of(
            "sub/inner.txt",
            "sub/new.txt",
            "sub/d",
            "sub/empty",
            "sub/new.txt",
            "sub/moved.txt",
            "sub/ln",
            "sub/ln"),
        heard);
  }

  /** Every group of the preopen suite passes with the workspace standing in for the preopen. */
  @ParameterizedTest
  @ValueSource(
      strings = {"files", "seek", "truncate", "dirs", "rename", "symlink", "times", "escape"})
  void theFilesystemSuitePassesThroughABoundWorkspace(String group) throws Exception {
    WorkspaceRoot sandbox = new WorkspaceRoot("/sandbox");
    sandbox.bind(first, false, heard::add);
    try {
      watcher.start();
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      ByteArrayOutputStream err = new ByteArrayOutputStream();
      WasiConfig config =
          WasiConfig.builder("fs")
              .args(List.of("fs", group))
              .stdout(out)
              .stderr(err)
              .workspace(sandbox)
              .build();
      Linker linker = new Linker(ENGINE);
      new Wasi(config).defineFor(fsC, linker);
      int code = WasiCommand.run(linker.instantiate(fsC));
      assertEquals(
          new Run(0, group + " ok\n", ""),
          new Run(
              code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8)));
      assertFalse(heard.isEmpty());
      for (String path : heard) {
        assertFalse(path.isEmpty() || path.startsWith("/") || path.contains(".."), path);
      }
    } finally {
      sandbox.unbind();
    }
  }
}
