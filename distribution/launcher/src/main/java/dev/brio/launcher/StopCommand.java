package dev.brio.launcher;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code brio stop}: asks a running kernel to stop cleanly and waits until it has. */
@Command(
    name = "stop",
    mixinStandardHelpOptions = true,
    description = "Stop a running kernel cleanly.",
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"0:stopped", "1:still running after 60 s", "3:not running"})
final class StopCommand implements Callable<Integer> {
  private static final long WAIT_MS = 60_000;

  @Mixin HomeOptions options;

  @Spec CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    BrioHome home = options.resolve();
    try {
      new ControlClient(home.controlSocket()).send("stop");
    } catch (ControlClient.NotRunningException e) {
      spec.commandLine().getErr().println("brio: " + e.getMessage());
      return Brio.NOT_RUNNING;
    }
    // The socket closes when the kernel bundle stops; the data lock is freed only when every
    // bundle has stopped and Felix is down.
    long deadline = System.currentTimeMillis() + WAIT_MS;
    while (DataLock.held(home.data()) && System.currentTimeMillis() < deadline) {
      Thread.sleep(50);
    }
    boolean stopped = !DataLock.held(home.data());
    spec.commandLine()
        .getOut()
        .println(stopped ? "Brio kernel stopped" : "Brio kernel still stopping");
    return stopped ? 0 : 1;
  }
}
