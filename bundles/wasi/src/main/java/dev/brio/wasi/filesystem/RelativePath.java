package dev.brio.wasi.filesystem;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Paths relative to a workspace directory, as {@link TouchListener} reports them: {@code
 * /}-separated, no empty, {@code .} or {@code ..} steps ({@code ""} for the directory itself).
 * Worked out from the names alone: the kernel already refused any path leaving the directory, so a
 * {@code ..} never climbs above it (a symlinked step is reported as the name the guest used).
 */
final class RelativePath {
  private RelativePath() {}

  /** {@code path} taken from {@code base} ({@code base} already normal). */
  static String join(String base, String path) {
    Deque<String> steps = new ArrayDeque<>();
    add(steps, base);
    add(steps, path);
    return String.join("/", steps);
  }

  private static void add(Deque<String> steps, String path) {
    for (String step : path.split("/")) {
      switch (step) {
        case "", "." -> {}
        case ".." -> steps.pollLast();
        default -> steps.addLast(step);
      }
    }
  }
}
