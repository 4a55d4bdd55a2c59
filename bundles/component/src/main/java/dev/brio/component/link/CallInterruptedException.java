package dev.brio.component.link;

/** A running call was stopped by a thread interrupt or a deadline. */
public final class CallInterruptedException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public CallInterruptedException(String message, Throwable cause) {
    super(message, cause);
  }
}
