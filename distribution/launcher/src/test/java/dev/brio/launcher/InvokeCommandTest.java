package dev.brio.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** {@code brio invoke} on real components built from WAT by the component module's build. */
class InvokeCommandTest {
  private static final Path FIXTURES = Path.of(System.getProperty("brio.fixtures", "missing"));

  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private int run(String... args) {
    var cli = Brio.commandLine();
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    return cli.execute(args);
  }

  private static String fixture(String name) {
    Path wasm = FIXTURES.resolve(name + ".wasm");
    assertTrue(Files.isRegularFile(wasm), wasm + " is missing: build bundles/component first");
    return wasm.toString();
  }

  @Test
  void callsAnExportAndPrintsTheResultInWave() {
    assertEquals(0, run("invoke", fixture("upper"), "upper(\"hi\")"), err.toString());
    assertEquals("\"HI\"\n", out.toString());
  }

  @Test
  void multiByteStringsRoundTrip() {
    assertEquals(0, run("invoke", fixture("upper"), "upper(\"grüße, ☃\")"), err.toString());
    assertTrue(out.toString().startsWith("\"GR"), out.toString());
  }

  @Test
  void aTrapPrintsTheTrapAndExits1() {
    assertEquals(1, run("invoke", fixture("abi"), "bad-utf8()"));
    assertTrue(err.toString().contains("the call trapped:"), err.toString());
    assertTrue(err.toString().contains("invalid UTF-8"), err.toString());
  }

  @Test
  void aCallTextThatDoesNotParseShowsWhereAndExits2() {
    assertEquals(2, run("invoke", fixture("upper"), "upper(\"hi\""));
    assertTrue(err.toString().contains("the call does not parse"), err.toString());
    assertTrue(err.toString().contains("^"), err.toString());
    assertEquals(2, run("invoke", fixture("upper"), "lower(\"hi\")"));
    assertTrue(err.toString().contains("no function named 'lower'"), err.toString());
  }

  @Test
  void aComponentImportingWasiGetsTheWasiHost() {
    assertEquals(0, run("invoke", fixture("wasi-basics"), "mono-increasing()"), err.toString());
    assertEquals("true\n", out.toString());
  }

  @Test
  void aRunawayCallIsInterruptedAtTheTimeout() {
    assertEquals(1, run("invoke", "--timeout", "300", fixture("abi"), "spin()"));
    assertTrue(err.toString().contains("interrupted after 300 ms"), err.toString());
  }
}
