package dev.brio.wasi.filesystem;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * A preopen whose host directory is chosen at run time: the guest always sees a directory at {@link
 * #guestPath()} (so wasi-libc and the preview1 adapter, which list preopens once at start-up, keep
 * working), and the host {@link #bind binds} it to a directory for a while, e.g. to one session's
 * directory for the length of one call.
 *
 * <ul>
 *   <li>While unbound, every operation through it answers {@code not-permitted}, what wasmtime
 *       answers for an operation its permissions deny.
 *   <li>While bound, it behaves like a {@link Preopen} of that directory (read-only or not) and
 *       reports every change to the binding's {@link TouchListener}.
 *   <li>Binding again (or unbinding) cuts off everything opened under the previous binding:
 *       descriptors, their streams and directory listings answer {@code bad-descriptor} and never
 *       reach the old directory again. The preopen's own descriptor follows the new binding.
 * </ul>
 *
 * <p>Thread-safe. Give it to {@link dev.brio.wasi.WasiConfig.Builder#workspace}; one root may serve
 * several instances, which then all see the same binding.
 */
public final class WorkspaceRoot {
  private final String guestPath;
  private Binding binding;

  /**
   * @param guestPath where the guest sees the directory, e.g. {@code /workspace}
   */
  public WorkspaceRoot(String guestPath) {
    Objects.requireNonNull(guestPath, "guestPath");
    if (guestPath.isEmpty()) {
      throw new IllegalArgumentException("a workspace root with an empty guest path");
    }
    this.guestPath = guestPath;
  }

  /** Where the guest sees the directory. */
  public String guestPath() {
    return guestPath;
  }

  /**
   * Binds the root to {@code directory}, cutting off everything opened under the previous binding.
   *
   * @param readOnly whether nothing under it may be created, changed or removed
   * @param listener told of every change made through the root
   * @throws IllegalArgumentException if {@code directory} cannot be opened as a directory (the
   *     previous binding is kept)
   * @throws UnsupportedOperationException if this system cannot confine lookups (no openat2)
   * @return this binding, to end it later without touching a binding made after it
   */
  public Bound bind(Path directory, boolean readOnly, TouchListener listener) {
    Objects.requireNonNull(directory, "directory");
    Objects.requireNonNull(listener, "listener");
    Binding next;
    try {
      next = Binding.open(directory, readOnly, listener);
    } catch (FsException e) {
      throw new IllegalArgumentException(
          "workspace " + guestPath + ": cannot bind " + directory + ": " + e.getMessage(), e);
    }
    Binding previous;
    synchronized (this) {
      previous = binding;
      binding = next;
    }
    if (previous != null) {
      previous.revoke("workspace " + guestPath + " was bound to another directory");
    }
    return () -> unbind(next, "workspace " + guestPath + " was unbound");
  }

  /** One binding of the root, as {@link #bind} made it. */
  @FunctionalInterface
  public interface Bound {
    /**
     * Unbinds the root if it is still bound by this binding (a later binding stays), cutting off
     * everything opened under it. Idempotent; any thread.
     */
    void release();
  }

  private void unbind(Binding expected, String why) {
    synchronized (this) {
      if (binding != expected) {
        return;
      }
      binding = null;
    }
    expected.revoke(why);
  }

  /** Unbinds the root, cutting off everything opened under the binding. Idempotent. */
  public void unbind() {
    Binding previous;
    synchronized (this) {
      previous = binding;
      binding = null;
    }
    if (previous != null) {
      previous.revoke("workspace " + guestPath + " was unbound");
    }
  }

  /** The bound host directory, if bound. */
  public synchronized Optional<Path> directory() {
    return binding == null ? Optional.empty() : Optional.of(binding.directory());
  }

  /** The current binding, or {@code not-permitted} while unbound. */
  synchronized Binding current() throws FsException {
    if (binding == null) {
      throw new FsException(
          ErrorCode.NOT_PERMITTED, "workspace " + guestPath + " is not bound to a directory");
    }
    return binding;
  }

  @Override
  public String toString() {
    return "WorkspaceRoot["
        + guestPath
        + " -> "
        + directory().map(Path::toString).orElse("unbound")
        + "]";
  }
}
