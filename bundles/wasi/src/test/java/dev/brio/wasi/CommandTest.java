package dev.brio.wasi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.brio.component.binary.Component;
import dev.brio.component.link.Engine;
import dev.brio.component.link.Linker;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A C command (components/fixtures/c/hello.c, preview1 command adapter) run through wasi:cli. */
class CommandTest {
  private static final Engine ENGINE = Engine.builder().build();
  private static Component hello;

  /** What a run printed and returned. */
  record Run(int code, String stdout, String stderr) {}

  @BeforeAll
  static void parse() throws Exception {
    hello = Fixtures.parse("hello");
  }

  private static Run run(WasiConfig.Builder config) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    Wasi wasi = new Wasi(config.stdout(out).stderr(err).build());
    Linker linker = new Linker(ENGINE);
    wasi.defineFor(hello, linker);
    int code = WasiCommand.run(linker.instantiate(hello));
    return new Run(
        code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  private static WasiConfig.Builder args(String... args) {
    return WasiConfig.builder("hello").args(List.of(args));
  }

  @Test
  void writesToStdoutAndStderr() throws Exception {
    assertEquals(new Run(0, "hello from C\n", "to stderr\n"), run(args("hello", "hello")));
  }

  @Test
  void seesItsArguments() throws Exception {
    assertEquals(
        new Run(0, "0=hello\n1=args\n2=two words\n3=ünïcode\n4=\n", ""),
        run(args("hello", "args", "two words", "ünïcode", "")));
  }

  @Test
  void seesOnlyTheGivenEnvironment() throws Exception {
    Run r = run(args("hello", "env").env("GREETING", "hi there").env("EMPTY", ""));
    assertEquals(new Run(0, "GREETING=hi there\nEMPTY=\nGREETING is hi there\n", ""), r);
    assertEquals(new Run(0, "GREETING is (unset)\n", ""), run(args("hello", "env")));
  }

  @Test
  void echoesStdinUntilItsEnd() throws Exception {
    byte[] input = new byte[100_000];
    for (int i = 0; i < input.length; i++) {
      input[i] = (byte) ('a' + i % 26);
    }
    Run r = run(args("hello", "echo").stdin(new ByteArrayInputStream(input)));
    assertEquals(0, r.code());
    assertEquals(new String(input, StandardCharsets.US_ASCII), r.stdout());
    assertEquals("100000 bytes\n", r.stderr());
    assertEquals(new Run(0, "", "0 bytes\n"), run(args("hello", "echo")));
  }

  @Test
  void exitCodesReachTheHost() throws Exception {
    assertEquals(new Run(0, "exiting with 0\n", ""), run(args("hello", "exit", "0")));
    // jco's preview1 adapter turns proc_exit(n) into exit(err) for every n != 0 (it does not
    // import exit-with-code), so a C program's exit status reaches any host as 0 or 1
    assertEquals(new Run(1, "exiting with 3\n", ""), run(args("hello", "exit", "3")));
    assertEquals(new Run(1, "exiting with 255\n", ""), run(args("hello", "exit", "255")));
    Run failed = run(args("hello", "no-such-mode"));
    assertEquals(1, failed.code());
    assertEquals("FAILED: no-such-mode\n", failed.stderr());
  }

  @Test
  void clocksMoveAndSleepWaits() throws Exception {
    assertEquals(new Run(0, "clocks ok\n", ""), run(args("hello", "clocks")));
  }

  @Test
  void randomBytesDiffer() throws Exception {
    assertEquals(new Run(0, "random ok\n", ""), run(args("hello", "random")));
  }

  @Test
  void theEngineStaysUsableAfterAnExit() throws Exception {
    assertEquals(1, run(args("hello", "exit", "3")).code());
    Run next = run(args("hello", "hello"));
    assertTrue(next.stdout().startsWith("hello from C"), next.stdout());
  }
}
