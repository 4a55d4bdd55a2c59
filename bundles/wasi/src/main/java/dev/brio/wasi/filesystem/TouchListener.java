package dev.brio.wasi.filesystem;

/**
 * Told of every change a guest makes through a {@link WorkspaceRoot}: the path changed, relative to
 * the bound directory, {@code /}-separated, without {@code .} or {@code ..} steps. It is the path
 * the kernel actually reached, never the names the guest used: a file created through {@code
 * link/New.java}, where {@code link} is a symlink to {@code src/main}, is reported as {@code
 * src/main/New.java}, so no directory on a reported path is a symlink (its final name may be one).
 * A hard link reports both its names. New times on the bound directory itself are not reported;
 * {@code ""} means a change whose path the kernel would not tell (say, through a file whose name
 * was removed before it was first changed): treat it as a change anywhere beneath the directory.
 *
 * <p>Called on the guest's thread after the change succeeded and before the call returns to the
 * guest, once per changing host call (a stream written twice reports twice, and a guest's large
 * write may arrive as several), so it should be quick; an exception it throws reaches the guest as
 * a trap.
 */
@FunctionalInterface
public interface TouchListener {
  /** {@code relativePath} was created, written, truncated, re-timed, renamed or removed. */
  void touched(String relativePath);

  /** A listener that ignores every change. */
  TouchListener NONE = relativePath -> {};
}
