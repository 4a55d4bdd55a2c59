package dev.brio.wasi.filesystem;

import java.nio.file.Path;
import java.util.Objects;

/**
 * A host directory the guest sees at {@code guestPath}; with {@code readOnly} nothing under it can
 * be created, changed or removed through WASI.
 */
public record Preopen(Path hostDir, String guestPath, boolean readOnly) {
  public Preopen {
    Objects.requireNonNull(hostDir, "hostDir");
    Objects.requireNonNull(guestPath, "guestPath");
    if (guestPath.isEmpty()) {
      throw new IllegalArgumentException("preopen of " + hostDir + " has an empty guest path");
    }
  }
}
