package dev.brio.wasi.filesystem;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The check-then-use attack: a thread that keeps swapping {@code <root>/swap} between a real
 * directory (holding {@code secret.txt} with "inside copy") and a symlink to {@code ../outside},
 * each swap by atomic renames, until closed. Closing stops it and fails the test if it failed.
 */
final class PathSwapper implements AutoCloseable {
  private final AtomicBoolean stop = new AtomicBoolean();
  private final AtomicReference<Throwable> failure = new AtomicReference<>();
  private final Thread flipper;

  PathSwapper(Path root) throws IOException {
    Path swap = root.resolve("swap");
    Path parked = Files.createDirectory(root.resolve("parked"));
    Path link = root.resolve("swap-link");
    Files.writeString(parked.resolve("secret.txt"), "inside copy");
    Files.createSymbolicLink(swap, Path.of("../outside"));
    flipper =
        Thread.ofPlatform()
            .start(
                () -> {
                  try {
                    while (!stop.get()) {
                      // directory in, then symlink in: both by atomic rename
                      Files.move(swap, link, StandardCopyOption.ATOMIC_MOVE);
                      Files.move(parked, swap, StandardCopyOption.ATOMIC_MOVE);
                      Files.move(swap, parked, StandardCopyOption.ATOMIC_MOVE);
                      Files.move(link, swap, StandardCopyOption.ATOMIC_MOVE);
                    }
                  } catch (IOException | RuntimeException e) {
                    failure.set(e);
                  }
                });
  }

  @Override
  public void close() {
    stop.set(true);
    try {
      flipper.join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted while stopping the swapping thread", e);
    }
    assertEquals(null, failure.get(), "the swapping thread failed");
  }
}
