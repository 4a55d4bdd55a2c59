package dev.brio.launcher;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** Where the kernel is installed and keeps its state; shared by every command. */
final class HomeOptions {
  @Option(
      names = "--home",
      paramLabel = "DIR",
      description = "Brio's installation (default: set by bin/brio, else $BRIO_HOME, else .)")
  Path home;

  @Option(
      names = "--data",
      paramLabel = "DIR",
      description = "Directory for brio.db and the control socket (default: HOME/data)")
  Path data;

  BrioHome resolve() {
    BrioHome located = home == null ? BrioHome.locate() : new BrioHome(home);
    return data == null ? located : located.withData(data);
  }
}
