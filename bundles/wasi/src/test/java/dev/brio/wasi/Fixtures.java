package dev.brio.wasi;

import dev.brio.component.binary.Component;
import dev.brio.component.binary.ComponentFormatException;
import dev.brio.component.binary.ComponentParser;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The component fixtures built from components/fixtures/wat by this module's build. */
final class Fixtures {
  private Fixtures() {}

  static Component parse(String name) throws ComponentFormatException {
    Path file = Path.of(System.getProperty("brio.fixtures", "target/fixtures"), name + ".wasm");
    try {
      return ComponentParser.parse(Files.readAllBytes(file));
    } catch (IOException e) {
      throw new UncheckedIOException(
          "fixture " + name + " missing: run the build (it runs components/fixtures/build.mjs)", e);
    }
  }
}
