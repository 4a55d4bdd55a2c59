package dev.brio.wasi.filesystem;

/** {@code wasi:filesystem/types.descriptor-type}, in WIT case order. */
public enum DescriptorType {
  UNKNOWN,
  BLOCK_DEVICE,
  CHARACTER_DEVICE,
  DIRECTORY,
  FIFO,
  SYMBOLIC_LINK,
  REGULAR_FILE,
  SOCKET;

  /** The type in a {@code st_mode}. */
  static DescriptorType ofMode(int mode) {
    return switch (mode & 0170000) {
      case 0140000 -> SOCKET;
      case 0120000 -> SYMBOLIC_LINK;
      case 0100000 -> REGULAR_FILE;
      case 060000 -> BLOCK_DEVICE;
      case 040000 -> DIRECTORY;
      case 020000 -> CHARACTER_DEVICE;
      case 010000 -> FIFO;
      default -> UNKNOWN;
    };
  }

  /** The type in a {@code linux_dirent64.d_type}; {@code null} for {@code DT_UNKNOWN}. */
  static DescriptorType ofDirentType(int dType) {
    return switch (dType) {
      case 1 -> FIFO;
      case 2 -> CHARACTER_DEVICE;
      case 4 -> DIRECTORY;
      case 6 -> BLOCK_DEVICE;
      case 8 -> REGULAR_FILE;
      case 10 -> SYMBOLIC_LINK;
      case 12 -> SOCKET;
      default -> null;
    };
  }
}
