package dev.brio.wasi.filesystem;

import static dev.brio.wasi.filesystem.Posix.O_CLOEXEC;
import static dev.brio.wasi.filesystem.Posix.O_DIRECTORY;
import static dev.brio.wasi.filesystem.Posix.O_RDONLY;

import java.lang.foreign.Arena;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
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

  /**
   * The host path the kernel gives for the bound directory (null if it cannot say): what the real
   * paths of objects beneath it start with. Followed if the directory moves while bound.
   */
  private volatile String directoryHost;

  /** Held weakly: a descriptor the guest forgot is still closed by its cleaner. */
  private final Set<OsFd> opened = Collections.newSetFromMap(new WeakHashMap<>());

  private String revoked;

  private Binding(
      Path directory, boolean readOnly, TouchListener listener, OsFd fd, String directoryHost) {
    this.directory = directory;
    this.readOnly = readOnly;
    this.listener = listener;
    this.fd = fd;
    this.directoryHost = directoryHost;
  }

  static Binding open(Path directory, boolean readOnly, TouchListener listener) throws FsException {
    Posix.requireOpenat2();
    Path absolute = directory.toAbsolutePath();
    try (Arena arena = Arena.ofConfined()) {
      int os = Posix.openHost(arena, absolute.toString(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
      String host = RealPath.host(arena, os).orElse(null);
      return new Binding(absolute, readOnly, listener, new OsFd(os), host);
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
   * The real path, relative to the bound directory, of the object open as host descriptor {@code
   * object} ({@code ""}: the directory itself); empty if it cannot be told (see {@link RealPath}).
   */
  Optional<String> realPath(int object) {
    int dir;
    try {
      dir = fd.acquire();
    } catch (FsException revoked) {
      return Optional.empty();
    }
    try (Arena arena = Arena.ofConfined()) {
      String known = directoryHost;
      Optional<String> found =
          known == null ? Optional.empty() : RealPath.beneath(arena, object, dir, known);
      if (found.isEmpty()) {
        // the bound directory itself may have been moved since it was bound
        Optional<String> now = RealPath.host(arena, dir);
        if (now.isPresent() && !now.get().equals(known)) {
          directoryHost = now.get();
          found = RealPath.beneath(arena, object, dir, now.get());
        }
      }
      return found;
    } finally {
      fd.release();
    }
  }

  /**
   * Tells the listener that the object at {@code realPath} (from {@link #realPath}) changed. The
   * bound directory itself ({@code ""}: new times set on it) is not reported: only its entries are
   * anyone's to track, and each of their changes is reported under its own path. A path that could
   * not be told is reported as {@code ""}, the whole directory: a full look beats a missed change.
   */
  void touched(Optional<String> realPath) {
    if (realPath.isEmpty()) {
      listener.touched("");
    } else if (!realPath.get().isEmpty()) {
      listener.touched(realPath.get());
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
