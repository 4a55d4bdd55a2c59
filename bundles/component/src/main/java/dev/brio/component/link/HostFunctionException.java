package dev.brio.component.link;

/** A host function failed while a guest called it; the cause is the host's exception. */
public final class HostFunctionException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public HostFunctionException(String message, Throwable cause) {
    super(message, cause);
  }
}
