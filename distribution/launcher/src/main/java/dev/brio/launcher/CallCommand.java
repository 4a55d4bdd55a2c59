package dev.brio.launcher;

import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code brio call}: one mesh call into a running kernel, made as the operator. */
@Command(
    name = "call",
    mixinStandardHelpOptions = true,
    description = "Call a mesh target in a running kernel and print its JSON answer.",
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"0:answered", "1:the call failed", "3:not running"})
final class CallCommand implements Callable<Integer> {
  @Mixin HomeOptions options;

  @Parameters(index = "0", description = "the target's name in the mesh")
  String target;

  @Parameters(index = "1", description = "the method")
  String method;

  @Parameters(index = "2", defaultValue = "{}", description = "the JSON payload (default {})")
  String payload;

  @Option(
      names = "--timeout",
      paramLabel = "MS",
      defaultValue = "30000",
      description = "How long to wait for the answer, in milliseconds (default ${DEFAULT-VALUE}).")
  long timeoutMs;

  @Spec CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    var client =
        new ControlClient(
            options.resolve().controlSocket(), Duration.ofMillis(timeoutMs).plusSeconds(5));
    String request = String.join("\t", "call", target, method, Long.toString(timeoutMs));
    String answer;
    try {
      answer = client.send(request, payload);
    } catch (ControlClient.NotRunningException e) {
      spec.commandLine().getErr().println("brio: " + e.getMessage());
      return Brio.NOT_RUNNING;
    }
    int newline = answer.indexOf('\n');
    String status = newline < 0 ? answer : answer.substring(0, newline);
    String body = newline < 0 ? "" : answer.substring(newline + 1);
    if (status.equals("ok")) {
      spec.commandLine().getOut().print(body);
      spec.commandLine().getOut().flush();
      return 0;
    }
    spec.commandLine().getErr().print("brio: " + body);
    spec.commandLine().getErr().flush();
    return 1;
  }
}
