package dev.brio.extender;

/** Why a component was not deployed; the message names the component and what is wrong with it. */
public final class DeployException extends Exception {
  private static final long serialVersionUID = 1L;

  /** What was wrong. */
  public enum Reason {
    /** One file of the pair is there without the other. */
    MISSING_FILE,
    /** The manifest is refused. */
    MANIFEST,
    /** The .wasm is not a valid component. */
    PARSE,
    /** An import or export the role's world does not allow or requires. */
    ROLE,
    /** An import the kernel does not provide, or a core module that does not start. */
    LINK,
    /** The handler export does not have the type of {@code brio:core/handler#handle}. */
    HANDLER,
    /** The extender is stopping: nothing more is deployed. */
    STOPPED,
    /** Another component or service already serves the target name. */
    CONFLICT
  }

  private final Reason reason;

  public DeployException(Reason reason, String message) {
    super(message);
    this.reason = reason;
  }

  public DeployException(Reason reason, String message, Throwable cause) {
    super(message, cause);
    this.reason = reason;
  }

  public Reason reason() {
    return reason;
  }
}
