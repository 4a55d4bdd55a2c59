package dev.brio.api.session;

import java.util.Objects;

/**
 * One changed path of a commit.
 *
 * @param path relative to the base, with {@code /} separators
 * @param kind how it changed
 * @param type what the path is after the change (before it, for a deletion)
 * @param binary whether the file's new content (old, for a deletion) looks binary to git (a NUL
 *     byte in its first 8000 bytes); always false for symlinks and directories
 */
public record PathChange(String path, ChangeKind kind, EntryType type, boolean binary) {
  public PathChange {
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(type, "type");
  }
}
