package dev.brio.wasi.filesystem;

/**
 * A path as a guest passes it, checked for what the kernel cannot be asked about, and split into
 * the directory part (resolved by {@code openat2} beneath the descriptor) and the final name
 * (handed to a {@code *at} call relative to that directory, so it is never walked through).
 *
 * @param text the whole path, for messages
 * @param parent everything up to and including the last slash before the final name; empty for a
 *     single name
 * @param last the final name with any trailing slashes (they keep their meaning: "must be a
 *     directory")
 */
record GuestPath(String text, String parent, String last) {

  /** Checks a guest path: a NUL is {@code invalid}, an absolute path is {@code not-permitted}. */
  static GuestPath of(String path) throws FsException {
    if (path.indexOf('\0') >= 0) {
      throw new FsException(ErrorCode.INVALID, "path contains a NUL character: '" + path + "'");
    }
    if (path.startsWith("/")) {
      throw new FsException(
          ErrorCode.NOT_PERMITTED,
          "absolute path '" + path + "': paths are relative to a descriptor");
    }
    int end = path.length();
    while (end > 0 && path.charAt(end - 1) == '/') {
      end--;
    }
    int slash = end == 0 ? -1 : path.lastIndexOf('/', end - 1);
    return new GuestPath(path, path.substring(0, slash + 1), path.substring(slash + 1));
  }

  /** The final name without trailing slashes. */
  String name() {
    int end = last.length();
    while (end > 0 && last.charAt(end - 1) == '/') {
      end--;
    }
    return last.substring(0, end);
  }

  /** Whether the final name is {@code .} or {@code ..}, which no entry-changing call may act on. */
  boolean endsInDots() {
    String n = name();
    return n.equals(".") || n.equals("..");
  }

  @Override
  public String toString() {
    return text;
  }
}
