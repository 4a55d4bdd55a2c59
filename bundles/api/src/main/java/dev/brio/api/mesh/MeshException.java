package dev.brio.api.mesh;

/** A call that failed, and why. The message is what the WIT {@code call} returns as its error. */
public final class MeshException extends Exception {
  private static final long serialVersionUID = 1L;

  private final MeshErrorKind kind;

  public MeshException(MeshErrorKind kind, String detail) {
    super(kind.label() + ": " + detail);
    this.kind = kind;
  }

  public MeshException(MeshErrorKind kind, String detail, Throwable cause) {
    super(kind.label() + ": " + detail, cause);
    this.kind = kind;
  }

  public MeshErrorKind kind() {
    return kind;
  }
}
