package dev.brio.api.session;

import java.util.Objects;

/** A refused or failed session operation; {@link #error()} says which kind and carries the data. */
public final class SessionException extends Exception {
  private static final long serialVersionUID = 1L;

  private final transient SessionError error;

  public SessionException(SessionError error, String detail, Throwable cause) {
    super(detail == null ? error.describe() : error.describe() + ": " + detail, cause);
    this.error = Objects.requireNonNull(error, "error");
  }

  public SessionException(SessionError error) {
    this(error, null, null);
  }

  public SessionError error() {
    return error;
  }
}
