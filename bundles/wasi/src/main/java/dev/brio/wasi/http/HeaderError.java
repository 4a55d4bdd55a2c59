package dev.brio.wasi.http;

/** Why a {@code fields} operation was refused: the cases of WIT {@code header-error}. */
enum HeaderError {
  INVALID_SYNTAX("invalid-syntax"),
  FORBIDDEN("forbidden"),
  IMMUTABLE("immutable");

  private final String caseName;

  HeaderError(String caseName) {
    this.caseName = caseName;
  }

  String caseName() {
    return caseName;
  }

  /** Thrown by {@link Fields} and answered to the guest as {@code err(header-error)}. */
  static final class Refused extends Exception {
    private static final long serialVersionUID = 1L;
    private final transient HeaderError error;

    Refused(HeaderError error, String message) {
      super(message);
      this.error = error;
    }

    HeaderError error() {
      return error;
    }
  }
}
