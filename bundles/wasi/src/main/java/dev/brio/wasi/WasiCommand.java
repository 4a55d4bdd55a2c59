package dev.brio.wasi;

import dev.brio.component.link.ComponentFunction;
import dev.brio.component.link.ComponentInstance;
import dev.brio.component.link.HostFunctionException;
import dev.brio.component.values.ResultValue;
import dev.brio.component.values.Value;
import java.util.List;
import java.util.Optional;

/**
 * Runs a command component: calls its {@code wasi:cli/run@0.2.x#run} export and maps the outcome to
 * an exit code, as a shell would see it: {@code ok} is 0, {@code err} is 1, {@code exit(...)} and
 * {@code exit-with-code(n)} give their code. A trap or a failed host call is not an exit code: it
 * is thrown.
 */
public final class WasiCommand {
  private WasiCommand() {}

  /** The name of the {@code run} export of a 0.2 command in {@code instance}, if it has one. */
  public static Optional<String> runExport(ComponentInstance instance) {
    return instance.exportNames().stream()
        .filter(n -> n.startsWith("wasi:cli/run@0.2."))
        .filter(n -> instance.function(n + "#run").isPresent())
        .sorted()
        .findFirst()
        .map(n -> n + "#run");
  }

  /**
   * Runs the command's {@code run}.
   *
   * @return its exit code
   * @throws IllegalArgumentException if {@code instance} exports no {@code wasi:cli/run@0.2.x}
   * @throws dev.brio.component.abi.Trap if the guest traps
   * @throws HostFunctionException if a host function failed (other than by exiting)
   */
  public static int run(ComponentInstance instance) {
    String name =
        runExport(instance)
            .orElseThrow(
                () ->
                    new IllegalArgumentException(
                        "not a command: no wasi:cli/run@0.2.x#run export among "
                            + instance.exportNames()));
    ComponentFunction run = instance.function(name).orElseThrow();
    try {
      Optional<Value> result = run.call(List.of());
      return result.orElseThrow() instanceof ResultValue r && r.isOk() ? 0 : 1;
    } catch (HostFunctionException e) {
      if (e.getCause() instanceof WasiExit exit) {
        return exit.code();
      }
      throw e;
    }
  }
}
