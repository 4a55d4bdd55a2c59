package dev.brio.wasi.filesystem;

/**
 * {@code wasi:filesystem/types.error-code}, in the WIT's case order (the ordinal is the case
 * index), with the Linux errno each case stands for.
 */
public enum ErrorCode {
  ACCESS("access"),
  WOULD_BLOCK("would-block"),
  ALREADY("already"),
  BAD_DESCRIPTOR("bad-descriptor"),
  BUSY("busy"),
  DEADLOCK("deadlock"),
  QUOTA("quota"),
  EXIST("exist"),
  FILE_TOO_LARGE("file-too-large"),
  ILLEGAL_BYTE_SEQUENCE("illegal-byte-sequence"),
  IN_PROGRESS("in-progress"),
  INTERRUPTED("interrupted"),
  INVALID("invalid"),
  IO("io"),
  IS_DIRECTORY("is-directory"),
  LOOP("loop"),
  TOO_MANY_LINKS("too-many-links"),
  MESSAGE_SIZE("message-size"),
  NAME_TOO_LONG("name-too-long"),
  NO_DEVICE("no-device"),
  NO_ENTRY("no-entry"),
  NO_LOCK("no-lock"),
  INSUFFICIENT_MEMORY("insufficient-memory"),
  INSUFFICIENT_SPACE("insufficient-space"),
  NOT_DIRECTORY("not-directory"),
  NOT_EMPTY("not-empty"),
  NOT_RECOVERABLE("not-recoverable"),
  UNSUPPORTED("unsupported"),
  NO_TTY("no-tty"),
  NO_SUCH_DEVICE("no-such-device"),
  OVERFLOW("overflow"),
  NOT_PERMITTED("not-permitted"),
  PIPE("pipe"),
  READ_ONLY("read-only"),
  INVALID_SEEK("invalid-seek"),
  TEXT_FILE_BUSY("text-file-busy"),
  CROSS_DEVICE("cross-device");

  private final String witName;

  ErrorCode(String witName) {
    this.witName = witName;
  }

  /** The case name as the WIT spells it. */
  public String witName() {
    return witName;
  }

  /**
   * The case for a Linux errno. {@code EXDEV} is {@link #NOT_PERMITTED}, not {@link #CROSS_DEVICE}:
   * every path goes through {@code openat2(RESOLVE_BENEATH)}, which answers EXDEV when a path would
   * leave its directory, and the WASI spec calls that {@code not-permitted}. The *-at calls that
   * could give a genuine cross-device EXDEV (rename, link) are mapped by {@link #fromLinkErrno}.
   */
  static ErrorCode fromErrno(int errno) {
    return switch (errno) {
      case Errno.EXDEV -> NOT_PERMITTED;
      default -> fromLinkErrno(errno);
    };
  }

  /** Like {@link #fromErrno} but EXDEV is a real cross-device rename or link. */
  static ErrorCode fromLinkErrno(int errno) {
    return switch (errno) {
      case Errno.EPERM -> NOT_PERMITTED;
      case Errno.ENOENT -> NO_ENTRY;
      case Errno.EINTR -> INTERRUPTED;
      case Errno.EIO -> IO;
      case Errno.ENXIO -> NO_SUCH_DEVICE;
      case Errno.EBADF -> BAD_DESCRIPTOR;
      case Errno.EAGAIN -> WOULD_BLOCK;
      case Errno.ENOMEM -> INSUFFICIENT_MEMORY;
      case Errno.EACCES -> ACCESS;
      case Errno.EBUSY -> BUSY;
      case Errno.EEXIST -> EXIST;
      case Errno.EXDEV -> CROSS_DEVICE;
      case Errno.ENODEV -> NO_DEVICE;
      case Errno.ENOTDIR -> NOT_DIRECTORY;
      case Errno.EISDIR -> IS_DIRECTORY;
      case Errno.EINVAL -> INVALID;
      case Errno.ENOTTY -> NO_TTY;
      case Errno.ETXTBSY -> TEXT_FILE_BUSY;
      case Errno.EFBIG -> FILE_TOO_LARGE;
      case Errno.ENOSPC -> INSUFFICIENT_SPACE;
      case Errno.ESPIPE -> INVALID_SEEK;
      case Errno.EROFS -> READ_ONLY;
      case Errno.EMLINK -> TOO_MANY_LINKS;
      case Errno.EPIPE -> PIPE;
      case Errno.EDEADLK -> DEADLOCK;
      case Errno.ENAMETOOLONG -> NAME_TOO_LONG;
      case Errno.ENOLCK -> NO_LOCK;
      case Errno.ENOTEMPTY -> NOT_EMPTY;
      case Errno.ELOOP -> LOOP;
      case Errno.EOVERFLOW -> OVERFLOW;
      case Errno.EILSEQ -> ILLEGAL_BYTE_SEQUENCE;
      case Errno.EMSGSIZE -> MESSAGE_SIZE;
      case Errno.EOPNOTSUPP -> UNSUPPORTED;
      case Errno.EALREADY -> ALREADY;
      case Errno.EINPROGRESS -> IN_PROGRESS;
      case Errno.EDQUOT -> QUOTA;
      case Errno.ENOTRECOVERABLE -> NOT_RECOVERABLE;
      default -> IO;
    };
  }
}
