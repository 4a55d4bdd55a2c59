package dev.brio.vfs;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Paths relative to a workspace root, always with {@code /} separators and no {@code .}/{@code ..}.
 */
final class RelativePaths {

  /** Names never copied from a base nor diffed: git's own data and Brio's staging files. */
  static final String GIT_DIR = ".git";

  static final String STAGE_PREFIX = ".brio-stage-";

  private RelativePaths() {}

  static boolean ignored(String name) {
    return name.equals(GIT_DIR) || name.startsWith(STAGE_PREFIX);
  }

  /**
   * A normalized relative path, or empty if {@code raw} leaves its root or names an ignored entry.
   */
  static Optional<String> normalize(String raw) {
    if (raw == null || raw.startsWith("/") || raw.indexOf('\0') >= 0) {
      return Optional.empty();
    }
    List<String> parts = new ArrayList<>();
    for (String part : raw.split("/")) {
      if (part.isEmpty() || part.equals(".")) {
        continue;
      }
      if (part.equals("..") || ignored(part)) {
        return Optional.empty();
      }
      parts.add(part);
    }
    return Optional.of(String.join("/", parts));
  }

  static String child(String parent, String name) {
    return parent.isEmpty() ? name : parent + "/" + name;
  }

  /** The parent of a relative path; {@code ""} for a top-level name. */
  static String parent(String path) {
    int slash = path.lastIndexOf('/');
    return slash < 0 ? "" : path.substring(0, slash);
  }

  static String name(String path) {
    return path.substring(path.lastIndexOf('/') + 1);
  }

  /** Whether {@code path} is {@code ancestor} or lies below it. */
  static boolean within(String path, String ancestor) {
    return ancestor.isEmpty()
        || path.equals(ancestor)
        || (path.startsWith(ancestor) && path.charAt(ancestor.length()) == '/');
  }

  static Path resolve(Path root, String relative) {
    return relative.isEmpty() ? root : root.resolve(relative);
  }
}
