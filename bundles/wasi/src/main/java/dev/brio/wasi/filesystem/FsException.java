package dev.brio.wasi.filesystem;

import java.util.Objects;

/** A filesystem operation failed with a WASI {@link ErrorCode}; the message says what and where. */
public final class FsException extends Exception {
  private static final long serialVersionUID = 1L;

  private final ErrorCode code;

  public FsException(ErrorCode code, String message) {
    super(code.witName() + ": " + message);
    this.code = Objects.requireNonNull(code, "code");
  }

  /** The WASI error code the guest sees. */
  public ErrorCode code() {
    return code;
  }
}
