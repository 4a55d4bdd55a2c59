package dev.brio.wasi.filesystem;

/**
 * Told of every change a guest makes through a {@link WorkspaceRoot}: the path changed, relative to
 * the bound directory, {@code /}-separated, never empty, without {@code .} or {@code ..} steps (new
 * times on the bound directory itself are not reported). Called on the guest's thread after the
 * change succeeded and before the call returns to the guest, once per changing host call (a stream
 * written twice reports twice, and a guest's large write may arrive as several), so it should be
 * quick; an exception it throws reaches the guest as a trap.
 */
@FunctionalInterface
public interface TouchListener {
  /** {@code relativePath} was created, written, truncated, re-timed, renamed or removed. */
  void touched(String relativePath);

  /** A listener that ignores every change. */
  TouchListener NONE = relativePath -> {};
}
