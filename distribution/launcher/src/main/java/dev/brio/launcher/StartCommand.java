package dev.brio.launcher;

import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code brio start}: runs the kernel in the foreground until Ctrl-C, SIGTERM or brio stop. */
@Command(
    name = "start",
    mixinStandardHelpOptions = true,
    description =
        "Start the kernel in the foreground; stop it with Ctrl-C, SIGTERM or `brio stop`.")
final class StartCommand implements Callable<Integer> {
  @Mixin HomeOptions options;

  @Option(names = "--shell", description = "Also start the Gogo shell on this terminal.")
  boolean shell;

  @Spec CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    var out = spec.commandLine().getOut();
    BrioHome home = options.resolve();
    long began = System.nanoTime();
    Optional<Kernel> started =
        KernelSession.startUnlessRunning(home, shell, spec.commandLine().getErr());
    if (started.isEmpty()) {
      return 1;
    }
    Kernel kernel = started.get();
    Thread stopOnSignal =
        new Thread(
            () -> {
              try {
                kernel.close();
              } catch (Exception e) {
                System.err.println("brio: clean stop failed: " + e);
              }
            },
            "brio-shutdown");
    Runtime.getRuntime().addShutdownHook(stopOnSignal);
    out.printf(
        "Brio kernel started in %d ms (home %s, %d bundle(s) failed to start)%n",
        (System.nanoTime() - began) / 1_000_000, home.root(), kernel.failures().size());
    out.flush();
    kernel.awaitStop();
    kernel.releaseDataLock();
    try {
      Runtime.getRuntime().removeShutdownHook(stopOnSignal);
    } catch (IllegalStateException shuttingDown) {
      // the hook is already running and finishes the stop
    }
    out.println("Brio kernel stopped");
    return 0;
  }
}
