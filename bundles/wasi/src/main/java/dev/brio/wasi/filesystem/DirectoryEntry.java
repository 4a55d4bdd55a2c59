package dev.brio.wasi.filesystem;

/** {@code wasi:filesystem/types.directory-entry}. */
public record DirectoryEntry(DescriptorType type, String name) {}
