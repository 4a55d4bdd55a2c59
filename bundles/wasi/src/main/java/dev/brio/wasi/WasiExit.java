package dev.brio.wasi;

/**
 * A guest called {@code wasi:cli/exit.exit} or {@code exit-with-code}: thrown by the host function
 * to end the guest's call (it reaches the caller as the cause of a {@link
 * dev.brio.component.link.HostFunctionException}); {@link WasiCommand} turns it into an exit code.
 * The instance must not be called again; the engine and other instances stay usable.
 */
public final class WasiExit extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final int code;

  public WasiExit(int code) {
    super("the guest exited with code " + code, null, false, false);
    this.code = code;
  }

  /** The exit code: 0 for {@code exit(ok)}, 1 for {@code exit(err)}, else the code given. */
  public int code() {
    return code;
  }
}
