package dev.brio.wasi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.brio.component.binary.Component;
import dev.brio.component.link.ComponentInstance;
import dev.brio.component.link.HostFunctionException;
import dev.brio.component.link.Linker;
import dev.brio.component.values.S64Value;
import dev.brio.wasi.filesystem.Preopen;
import dev.brio.wasi.filesystem.WorkspaceRoot;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.lang.ref.Reference;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link Wasi#close} releases what the guest left open, at once: the host descriptors are counted
 * in /proc/self/fd while the instance is still reachable (so the cleaner cannot be what closed
 * them), and afterwards the instance's host calls fail with an error saying why.
 */
class WasiCloseTest {
  @TempDir Path dir;

  /** The host descriptors of this process open on something under {@link #dir}. */
  private long openUnderDir() throws IOException {
    Path real = dir.toRealPath();
    long n = 0;
    try (var fds = Files.list(Path.of("/proc/self/fd"))) {
      for (Path fd : fds.toList()) {
        try {
          if (Files.readSymbolicLink(fd).startsWith(real)) {
            n++;
          }
        } catch (IOException gone) {
          // closed between the listing and the look (e.g. the listing's own descriptor)
        }
      }
    }
    return n;
  }

  private static Optional<String> run(Wasi wasi, Component component) throws Exception {
    Linker linker = new Linker();
    wasi.defineFor(component, linker);
    ComponentInstance instance = linker.instantiate(component);
    int code = WasiCommand.run(instance);
    return code == 0 ? Optional.empty() : Optional.of("exit code " + code);
  }

  @Test
  void closeReleasesEveryFileAndDirectoryTheGuestLeftOpen() throws Exception {
    Component hold = Fixtures.parse("workspace");
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    Wasi wasi =
        new Wasi(
            WasiConfig.builder("hold")
                .args(List.of("hold", "hold"))
                .stdout(out)
                .preopen(new Preopen(dir, "/work", false))
                .build());
    assertEquals(0, openUnderDir());
    assertEquals(Optional.empty(), run(wasi, hold));
    assertEquals("hold ok\n", out.toString(StandardCharsets.UTF_8));
    // ten files, five listed directories (each with its listing), the preopen
    long held = openUnderDir();
    assertTrue(held >= 16, "held: " + held);

    wasi.close();
    assertEquals(0, openUnderDir());
    wasi.close(); // idempotent
    Reference.reachabilityFence(wasi);
  }

  @Test
  void closeReleasesWhatWasOpenedUnderAWorkspaceAndLeavesItBound() throws Exception {
    WorkspaceRoot root = new WorkspaceRoot("/work");
    root.bind(dir, false, path -> {});
    Wasi wasi =
        new Wasi(WasiConfig.builder("hold").args(List.of("hold", "hold")).workspace(root).build());
    assertEquals(Optional.empty(), run(wasi, Fixtures.parse("workspace")));
    assertTrue(openUnderDir() >= 16);
    wasi.close();
    assertEquals(1, openUnderDir(), "only the binding's own descriptor is left");
    assertEquals(Optional.of(dir.toAbsolutePath()), root.directory());
    root.unbind();
    assertEquals(0, openUnderDir());
    Reference.reachabilityFence(wasi);
  }

  @Test
  void afterCloseTheInstancesHostCallsFailSayingSo() throws Exception {
    Component component = Fixtures.parse("wasi-io");
    Wasi wasi = new Wasi(WasiConfig.builder("io").build());
    Linker linker = new Linker();
    wasi.defineFor(component, linker);
    ComponentInstance io = linker.instantiate(component);
    assertInstanceOf(S64Value.class, io.call("check-write").orElseThrow());

    wasi.close();
    HostFunctionException e =
        assertThrows(HostFunctionException.class, () -> io.call("check-write"));
    IllegalStateException cause = assertInstanceOf(IllegalStateException.class, e.getCause());
    assertEquals("the WASI host of io was closed", cause.getMessage());
    IllegalStateException again =
        assertThrows(IllegalStateException.class, () -> wasi.defineFor(component, new Linker()));
    assertTrue(again.getMessage().contains("closed"), again.getMessage());
  }
}
