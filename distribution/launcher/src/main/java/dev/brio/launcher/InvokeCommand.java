package dev.brio.launcher;

import dev.brio.component.abi.Trap;
import dev.brio.component.binary.ComponentFormatException;
import dev.brio.component.binary.ComponentParser;
import dev.brio.component.link.CallInterruptedException;
import dev.brio.component.link.ComponentFunction;
import dev.brio.component.link.ComponentInstance;
import dev.brio.component.link.HostFunctionException;
import dev.brio.component.link.LinkException;
import dev.brio.component.link.Linker;
import dev.brio.component.values.Value;
import dev.brio.component.values.Wave;
import dev.brio.component.values.WaveCall;
import dev.brio.component.values.WaveException;
import dev.brio.wasi.Wasi;
import dev.brio.wasi.WasiConfig;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code brio invoke}: instantiates a component with the WASI host (nothing granted; the guest's
 * stdout and stderr go to this process's stderr, so that stdout holds only the result) and calls
 * one export, written in WAVE ({@code 'upper("hi")'}, {@code 'iface#fn(1, [2])'}); prints the
 * result in WAVE.
 */
@Command(
    name = "invoke",
    mixinStandardHelpOptions = true,
    description = "Call a component's export, given in WAVE, and print the result in WAVE.",
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:the call returned",
      "1:the component could not be loaded or instantiated, or the call trapped",
      "2:the call text does not parse"
    })
final class InvokeCommand implements Callable<Integer> {
  @Parameters(index = "0", paramLabel = "COMPONENT.wasm", description = "the component binary")
  Path component;

  @Parameters(
      index = "1",
      paramLabel = "CALL",
      description = "the call in WAVE, e.g. 'upper(\"hi\")' or 'brio:core/handler#handle(...)'")
  String callText;

  @Option(
      names = "--timeout",
      paramLabel = "MS",
      defaultValue = "30000",
      description = "Interrupt the call after MS milliseconds (default ${DEFAULT-VALUE}).")
  long timeoutMs;

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    PrintWriter err = spec.commandLine().getErr();
    try {
      var parsed = ComponentParser.parse(Files.readAllBytes(component));
      Linker linker = new Linker();
      // WASI with nothing granted: clocks, randomness, and output to this process's stderr
      new Wasi(
              WasiConfig.builder(component.getFileName().toString())
                  .stdout(System.err)
                  .stderr(System.err)
                  .build())
          .defineFor(parsed, linker);
      ComponentInstance instance = linker.instantiate(parsed);
      WaveCall call =
          WaveCall.parse(callText, name -> instance.function(name).map(ComponentFunction::type));
      Optional<Value> result =
          instance.call(call.target(), call.args(), Duration.ofMillis(timeoutMs));
      result.ifPresent(value -> spec.commandLine().getOut().println(Wave.print(value)));
      spec.commandLine().getOut().flush();
      return 0;
    } catch (WaveException e) {
      err.println("brio: the call does not parse: " + e.getMessage());
      err.println("  " + callText.lines().skip(e.line() - 1L).findFirst().orElse(""));
      err.println("  " + " ".repeat(Math.max(0, e.column() - 1)) + "^");
      err.flush();
      return 2;
    } catch (ComponentFormatException e) {
      err.println("brio: " + component + " is not a valid component: " + e.getMessage());
    } catch (LinkException e) {
      err.println("brio: cannot instantiate " + component + ": " + e.getMessage());
    } catch (Trap e) {
      err.println("brio: the call trapped: " + e.getMessage());
    } catch (CallInterruptedException e) {
      err.println("brio: the call was interrupted after " + timeoutMs + " ms: " + e.getMessage());
    } catch (HostFunctionException e) {
      err.println("brio: a host function failed: " + e.getMessage());
    } catch (IOException e) {
      err.println("brio: cannot read " + component + ": " + e);
    }
    err.flush();
    return 1;
  }
}
