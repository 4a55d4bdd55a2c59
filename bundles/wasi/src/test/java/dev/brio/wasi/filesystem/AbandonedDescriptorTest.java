package dev.brio.wasi.filesystem;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A guest need not drop what it opened (wasi-libc never drops its preopens): descriptors nobody
 * closed are closed once nothing refers to them, instead of leaking until the process ends.
 */
class AbandonedDescriptorTest {
  private static final int OPENED = 200;

  @TempDir Path root;

  @Test
  void descriptorsNobodyClosedAreClosedOnceUnreachable() throws Exception {
    long before = openDescriptors();
    List<Descriptor> abandoned = new ArrayList<>();
    for (int i = 0; i < OPENED; i++) {
      abandoned.add(Descriptor.open(new Preopen(root, "/", false)));
    }
    long opened = openDescriptors();
    assertTrue(opened >= before + OPENED, "opened: " + before + " -> " + opened);

    abandoned.clear(); // like an instance and its resource table going away, nothing closed
    long deadline = System.nanoTime() + 30_000_000_000L;
    long now = opened;
    while (now > before + OPENED / 2 && System.nanoTime() < deadline) {
      System.gc();
      Thread.sleep(50);
      now = openDescriptors();
    }
    assertTrue(now <= before + OPENED / 2, "still open: " + before + " -> " + now);
  }

  private static long openDescriptors() throws IOException {
    try (var fds = Files.list(Path.of("/proc/self/fd"))) {
      return fds.count();
    }
  }
}
