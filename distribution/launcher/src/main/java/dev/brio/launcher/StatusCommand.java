package dev.brio.launcher;

import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code brio status}: what a running kernel reports about its bundles, components and events. */
@Command(
    name = "status",
    mixinStandardHelpOptions = true,
    description = "Show a running kernel's bundles, components, problems and recent events.",
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"0:ready", "1:running but not ready", "3:not running"})
final class StatusCommand implements Callable<Integer> {
  @Mixin HomeOptions options;

  @Option(names = "--json", description = "Print the report as JSON.")
  boolean json;

  @Option(
      names = "--wait",
      paramLabel = "SECONDS",
      description = "Wait up to SECONDS for the kernel to be ready before reporting.")
  int waitSeconds;

  @Spec CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    var out = spec.commandLine().getOut();
    BrioHome home = options.resolve();
    var client = new ControlClient(home.controlSocket());
    try {
      if (waitSeconds > 0) {
        KernelSession.awaitReady(home, Duration.ofSeconds(waitSeconds));
      }
      boolean ready = client.ready();
      out.print(client.send(json ? "status-json" : "status"));
      out.flush();
      return ready ? 0 : 1;
    } catch (ControlClient.NotRunningException e) {
      spec.commandLine().getErr().println("brio: " + e.getMessage());
      return Brio.NOT_RUNNING;
    }
  }
}
