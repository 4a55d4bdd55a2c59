package dev.brio.launcher;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code brio demo}: Brio's main job on its embedded defaults. For now it boots the kernel, waits
 * until every bundle is active and every component satisfied, prints the status (with the event log
 * kept in brio.db across runs) and stops cleanly.
 */
@Command(
    name = "demo",
    mixinStandardHelpOptions = true,
    description = "Boot the kernel on its defaults, show its status, and stop it cleanly.")
final class DemoCommand implements Callable<Integer> {
  private static final Duration READY_TIMEOUT = Duration.ofSeconds(60);

  @Mixin HomeOptions options;

  @Spec CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    var out = spec.commandLine().getOut();
    var err = spec.commandLine().getErr();
    BrioHome home = options.resolve();
    long began = System.nanoTime();
    Optional<Kernel> started = KernelSession.startUnlessRunning(home, false, err);
    if (started.isEmpty()) {
      return 1;
    }
    try (Kernel kernel = started.get()) {
      String readiness = KernelSession.awaitReady(home, READY_TIMEOUT);
      long readyMs = (System.nanoTime() - began) / 1_000_000;
      out.print(new ControlClient(home.controlSocket()).send("status"));
      if (!readiness.startsWith("ready") || !kernel.failures().isEmpty()) {
        err.println("brio: the kernel did not become ready:");
        readiness.lines().skip(1).forEach(problem -> err.println("  " + problem));
        kernel.failures().forEach(failure -> err.println("  " + failure));
        return 1;
      }
      out.printf("%nBrio kernel ready in %d ms; stopping it cleanly.%n", readyMs);
    }
    out.println("Stopped. Run `brio start` to keep a kernel running, `brio status` to inspect it.");
    return 0;
  }
}
