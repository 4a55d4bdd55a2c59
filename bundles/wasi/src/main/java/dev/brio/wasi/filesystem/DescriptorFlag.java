package dev.brio.wasi.filesystem;

/** {@code wasi:filesystem/types.descriptor-flags}, in WIT bit order. */
public enum DescriptorFlag {
  READ,
  WRITE,
  FILE_INTEGRITY_SYNC,
  DATA_INTEGRITY_SYNC,
  REQUESTED_WRITE_SYNC,
  MUTATE_DIRECTORY
}
