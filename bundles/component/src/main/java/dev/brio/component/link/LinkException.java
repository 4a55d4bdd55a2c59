package dev.brio.component.link;

/** A component cannot be instantiated: an import is missing or has the wrong type, or similar. */
public final class LinkException extends Exception {
  private static final long serialVersionUID = 1L;

  public LinkException(String message) {
    super(message);
  }

  public LinkException(String message, Throwable cause) {
    super(message, cause);
  }
}
