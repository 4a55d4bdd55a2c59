package dev.brio.wasi.filesystem;

import static dev.brio.wasi.filesystem.Posix.O_CLOEXEC;
import static dev.brio.wasi.filesystem.Posix.O_DIRECTORY;
import static dev.brio.wasi.filesystem.Posix.O_RDONLY;

import java.lang.foreign.Arena;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.WeakHashMap;

/**
 * One binding of a {@link WorkspaceRoot} to a host directory: the directory's descriptor, whether
 * it is read-only, who hears of changes, and every host descriptor opened beneath it, so that
 * {@link #revoke} can cut them all off when the root is bound elsewhere.
 */
final class Binding {
  private final Path directory;
  private final boolean readOnly;
  private final TouchListener listener;
  private final OsFd fd;

  /** Held weakly: a descriptor the guest forgot is still closed by its cleaner. */
  private final Set<OsFd> opened = Collections.newSetFromMap(new WeakHashMap<>());

  private String revoked;

  private Binding(Path directory, boolean readOnly, TouchListener listener, OsFd fd) {
    this.directory = directory;
    this.readOnly = readOnly;
    this.listener = listener;
    this.fd = fd;
  }

  static Binding open(Path directory, boolean readOnly, TouchListener listener) throws FsException {
    Posix.requireOpenat2();
    Path absolute = directory.toAbsolutePath();
    try (Arena arena = Arena.ofConfined()) {
      int os = Posix.openHost(arena, absolute.toString(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
      return new Binding(absolute, readOnly, listener, new OsFd(os));
    }
  }

  Path directory() {
    return directory;
  }

  boolean readOnly() {
    return readOnly;
  }

  /** The bound directory's own descriptor. */
  OsFd fd() {
    return fd;
  }

  /** Records a descriptor opened beneath the directory; one opened after revocation is revoked. */
  void track(OsFd child) {
    String why;
    synchronized (this) {
      why = revoked;
      if (why == null) {
        opened.add(child);
        return;
      }
    }
    child.revoke(why);
  }

  /** Forgets a descriptor its owner closed. */
  synchronized void untrack(OsFd child) {
    opened.remove(child);
  }

  /**
   * Tells the listener that {@code path} (under {@code base}, both relative) changed. The bound
   * directory itself ({@code ""}: new times set on it) is not reported: only its entries are
   * anyone's to track, and each of their changes is reported under its own name.
   */
  void touched(String base, String path) {
    String changed = RelativePath.join(base, path);
    if (!changed.isEmpty()) {
      listener.touched(changed);
    }
  }

  /** Cuts off the directory and everything opened beneath it; {@code why} goes in the errors. */
  void revoke(String why) {
    List<OsFd> all;
    synchronized (this) {
      if (revoked != null) {
        return;
      }
      revoked = why;
      all = new ArrayList<>(opened);
      opened.clear();
    }
    fd.revoke(why);
    for (OsFd child : all) {
      child.revoke(why);
    }
  }
}
