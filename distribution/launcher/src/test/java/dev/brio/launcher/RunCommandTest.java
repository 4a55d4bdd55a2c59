package dev.brio.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code brio run} on a C command (components/fixtures/c/hello.c) with captured stdio. */
class RunCommandTest {
  private static final Path FIXTURES = Path.of(System.getProperty("brio.fixtures", "missing"));

  private final StringWriter err = new StringWriter();
  private final ByteArrayOutputStream guestOut = new ByteArrayOutputStream();
  private final ByteArrayOutputStream guestErr = new ByteArrayOutputStream();
  private byte[] guestIn = new byte[0];
  private java.io.OutputStream stdout = guestOut;

  private int run(String... args) {
    CommandLine cli = Brio.commandLine();
    cli.setOut(new PrintWriter(new StringWriter(), true));
    cli.setErr(new PrintWriter(err, true));
    RunCommand run = cli.getSubcommands().get("run").getCommand();
    run.stdin = new ByteArrayInputStream(guestIn);
    run.stdout = stdout;
    run.stderr = guestErr;
    return cli.execute(args);
  }

  private String out() {
    return guestOut.toString(StandardCharsets.UTF_8);
  }

  private static String hello() {
    Path wasm = FIXTURES.resolve("hello.wasm");
    assertTrue(Files.isRegularFile(wasm), wasm + " is missing: build bundles/component first");
    return wasm.toString();
  }

  @Test
  void runsACommandWithItsArgumentsAndStdio() {
    assertEquals(0, run("run", hello(), "--", "args", "--not-an-option", "x"), err.toString());
    assertEquals("0=hello.wasm\n1=args\n2=--not-an-option\n3=x\n", out());
  }

  @Test
  void outputThatCannotBeWrittenIsReportedAsSuchNotAsAnUnreadableComponent() {
    stdout =
        new java.io.OutputStream() {
          @Override
          public void write(int b) throws java.io.IOException {
            throw new java.io.IOException("Broken pipe");
          }

          @Override
          public void flush() throws java.io.IOException {
            throw new java.io.IOException("Broken pipe");
          }
        };
    assertEquals(RunCommand.TRAPPED, run("run", hello(), "hello"), err.toString());
    assertTrue(err.toString().contains("output could not be written"), err.toString());
  }

  @Test
  void stdoutAndStderrAreTheProcesss() {
    assertEquals(0, run("run", hello(), "hello"), err.toString());
    assertEquals("hello from C\n", out());
    assertEquals("to stderr\n", guestErr.toString(StandardCharsets.UTF_8));
  }

  @Test
  void stdinReachesTheGuest() {
    guestIn = "piped in\n".getBytes(StandardCharsets.UTF_8);
    assertEquals(0, run("run", hello(), "echo"), err.toString());
    assertEquals("piped in\n", out());
  }

  @Test
  void onlyTheGivenEnvironmentIsVisible() {
    assertEquals(0, run("run", "--env", "GREETING=hi", hello(), "env"), err.toString());
    assertEquals("GREETING=hi\nGREETING is hi\n", out());
  }

  @Test
  void theGuestsExitCodeIsBriosExitCode() {
    assertEquals(1, run("run", hello(), "exit", "7"));
    assertEquals("exiting with 7\n", out());
    assertEquals(1, run("run", hello(), "no-such-mode"));
  }

  @Test
  void aDirectoryOptionIsCheckedAndGranted(@TempDir Path dir) {
    assertEquals(0, run("run", "--dir", dir + "::/data:ro", hello(), "hello"), err.toString());
    assertEquals(2, run("run", "--dir", dir.resolve("missing") + "::/data", hello(), "hello"));
    assertTrue(err.toString().contains("is not a directory"), err.toString());
    assertEquals(2, run("run", "--dir", "::/data", hello(), "hello"));
    assertTrue(err.toString().contains("expected HOST::GUEST"), err.toString());
  }

  @Test
  void grantedDirectoriesAreTheGuestsFilesystem(@TempDir Path rw, @TempDir Path ro)
      throws Exception {
    Path fs = FIXTURES.resolve("fs.wasm");
    assertEquals(
        0, run("run", "--dir", rw + "::/sandbox", fs.toString(), "files"), guestErr.toString());
    assertEquals("files ok\n", out());
    guestOut.reset();
    Files.writeString(ro.resolve("given.txt"), "given");
    assertEquals(
        0,
        run("run", "--dir", rw + "::/sandbox", "--dir", ro + "::/ro:ro", fs.toString(), "readonly"),
        guestErr.toString());
    // the guest read the host's file through /ro and could change nothing there
    assertEquals("readonly ok\n", out());
    assertEquals("given", Files.readString(ro.resolve("given.txt")));
  }

  @Test
  void aComponentThatIsNotACommandCannotRun() {
    assertEquals(RunCommand.CANNOT_RUN, run("run", FIXTURES.resolve("upper.wasm").toString()));
    assertTrue(err.toString().contains("not a command"), err.toString());
  }

  @Test
  void aMissingFileCannotRun() {
    assertEquals(RunCommand.CANNOT_RUN, run("run", FIXTURES.resolve("nope.wasm").toString()));
    assertTrue(err.toString().contains("cannot read"), err.toString());
  }
}
