package dev.brio.launcher;

import dev.brio.component.binary.ComponentFormatException;
import dev.brio.component.binary.ComponentParser;
import dev.brio.component.types.WitPrinter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code brio wit}: parses and validates a component and prints its world as WIT. */
@Command(
    name = "wit",
    mixinStandardHelpOptions = true,
    description = "Print a component's world (its imports and exports) as WIT.",
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"0:printed", "1:the file cannot be read or is not a valid component"})
final class WitCommand implements Callable<Integer> {
  @Parameters(index = "0", paramLabel = "COMPONENT.wasm", description = "the component binary")
  Path component;

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    var err = spec.commandLine().getErr();
    try {
      var parsed = ComponentParser.parse(Files.readAllBytes(component));
      spec.commandLine().getOut().print(WitPrinter.world(parsed.type()));
      spec.commandLine().getOut().flush();
      return 0;
    } catch (ComponentFormatException e) {
      err.println("brio: " + component + " is not a valid component: " + e.getMessage());
    } catch (IOException e) {
      err.println("brio: cannot read " + component + ": " + e);
    }
    err.flush();
    return 1;
  }
}
