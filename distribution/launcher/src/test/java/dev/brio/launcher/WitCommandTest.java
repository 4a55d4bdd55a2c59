package dev.brio.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code brio wit} on a real component built from WAT, on a truncated copy and on no file. */
class WitCommandTest {
  private static final Path FIXTURES = Path.of(System.getProperty("brio.fixtures", "missing"));

  @TempDir Path temp;
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private int run(String... args) {
    var cli = Brio.commandLine();
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    return cli.execute(args);
  }

  private static Path fixture(String name) {
    Path wasm = FIXTURES.resolve(name + ".wasm");
    assertTrue(Files.isRegularFile(wasm), wasm + " is missing: build bundles/component first");
    return wasm;
  }

  @Test
  void printsTheWorldOfAComponent() {
    assertEquals(0, run("wit", fixture("upper").toString()), err.toString());
    assertTrue(out.toString().contains("world root {"), out.toString());
    assertTrue(out.toString().contains("export upper: func(s: string) -> string;"), out.toString());
  }

  @Test
  void aTruncatedComponentIsRefusedWithTheOffset() throws Exception {
    byte[] whole = Files.readAllBytes(fixture("upper"));
    Path truncated = Files.write(temp.resolve("cut.wasm"), java.util.Arrays.copyOf(whole, 20));
    assertEquals(1, run("wit", truncated.toString()));
    assertTrue(
        err.toString().contains("cut.wasm is not a valid component: at offset"), err.toString());
  }

  @Test
  void aMissingFileIsAClearError() {
    assertEquals(1, run("wit", temp.resolve("nope.wasm").toString()));
    assertTrue(err.toString().contains("cannot read"), err.toString());
  }
}
