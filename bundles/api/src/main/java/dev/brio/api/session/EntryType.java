package dev.brio.api.session;

/** What a path in a workspace is. Symlinks are never followed. */
public enum EntryType {
  FILE,
  SYMLINK,
  DIRECTORY
}
