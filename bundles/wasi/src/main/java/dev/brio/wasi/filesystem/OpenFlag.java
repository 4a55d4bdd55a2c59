package dev.brio.wasi.filesystem;

/** {@code wasi:filesystem/types.open-flags}, in WIT bit order. */
public enum OpenFlag {
  CREATE,
  DIRECTORY,
  EXCLUSIVE,
  TRUNCATE
}
