package dev.brio.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The CLI's contract for bad input and for a kernel that is not running, run in-process. */
class CommandLineTest {
  @TempDir Path home;

  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private int run(String... args) {
    CommandLine cli = Brio.commandLine();
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    return cli.execute(args);
  }

  @Test
  void unknownOptionPrintsUsageAndExits2() {
    assertEquals(2, run("start", "--no-such-option"));
    assertTrue(err.toString().contains("Unknown option: '--no-such-option'"), err.toString());
    assertTrue(err.toString().contains("Usage: brio start"), err.toString());
  }

  @Test
  void unknownCommandAndMissingCommandExit2() {
    assertEquals(2, run("launch-rockets"));
    assertTrue(err.toString().contains("Unmatched argument"), err.toString());
    assertEquals(2, run());
    assertTrue(err.toString().contains("Missing command"), err.toString());
  }

  @Test
  void statusAndStopWithoutARunningKernelExit3AndSaySo() {
    assertEquals(Brio.NOT_RUNNING, run("status", "--home", home.toString()));
    assertTrue(err.toString().contains("not running"), err.toString());
    assertEquals(Brio.NOT_RUNNING, run("stop", "--home", home.toString()));
  }

  @Test
  void badOptionValueIsAUsageError() {
    assertEquals(2, run("status", "--wait", "soon"));
    assertTrue(err.toString().contains("--wait"), err.toString());
  }

  @Test
  void helpListsEveryCommand() {
    assertEquals(0, run("--help"));
    for (String command : new String[] {"start", "status", "stop", "demo"}) {
      assertTrue(out.toString().contains(command), out.toString());
    }
  }
}
