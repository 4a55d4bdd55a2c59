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
      CallCommand.class,
      WitCommand.class,
      InvokeCommand.class,
      RunCommand.class,
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
    return new CommandLine(new Brio()).setParameterExceptionHandler(Brio::usageError);
  }

  /** Any command line that does not parse: say what is wrong, show the usage, exit 2. */
  private static int usageError(ParameterException e, String[] args) {
    CommandLine command = e.getCommandLine();
    var err = command.getErr();
    err.println("brio: " + e.getMessage());
    CommandLine.UnmatchedArgumentException.printSuggestions(e, err);
    command.usage(err);
    err.flush();
    return command.getCommandSpec().exitCodeOnInvalidInput();
  }

  public static void main(String[] args) {
    LoggingDefaults.apply();
    System.exit(commandLine().execute(args));
  }
}
