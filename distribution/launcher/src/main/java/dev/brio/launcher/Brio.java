package dev.brio.launcher;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code brio}: the command line behind bin/brio. */
@Command(
    name = "brio",
    mixinStandardHelpOptions = true,
    versionProvider = BrioVersion.class,
    description = "A headless micro-kernel for AI agents written as WebAssembly components.",
    subcommands = {
      StartCommand.class,
      StatusCommand.class,
      StopCommand.class,
      DemoCommand.class,
      CommandLine.HelpCommand.class
    })
public final class Brio implements Runnable {
  /** Exit code when the kernel a command needs is not running. */
  static final int NOT_RUNNING = 3;

  @Spec CommandSpec spec;

  @Override
  public void run() {
    throw new ParameterException(spec.commandLine(), "Missing command");
  }

  static CommandLine commandLine() {
    return new CommandLine(new Brio());
  }

  public static void main(String[] args) {
    LoggingDefaults.apply();
    System.exit(commandLine().execute(args));
  }
}
