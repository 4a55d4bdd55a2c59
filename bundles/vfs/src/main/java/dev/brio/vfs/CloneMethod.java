package dev.brio.vfs;

/** How a file's bytes reached their copy. */
public enum CloneMethod {
  /** The copy shares the original's blocks ({@code ioctl(FICLONE)}); costs no data I/O. */
  REFLINK,
  /** The bytes were read and written. */
  COPY
}
