package dev.brio.api.session;

/** How one path differs between a session and its base snapshot. */
public enum ChangeKind {
  ADDED,
  DELETED,
  /** Same kind of entry (file or symlink), different content or link target. */
  MODIFIED,
  /** Same content, different POSIX permissions. */
  MODE_CHANGED,
  /** A file became a symlink or a directory, or the other way round. */
  TYPE_CHANGED
}
