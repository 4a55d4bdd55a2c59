package dev.brio.extender;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The guest components built from components/fixtures/wat by the module's build. */
final class Fixtures {
  private Fixtures() {}

  static Path dir() {
    return Path.of(System.getProperty("brio.fixtures", "target/fixtures"));
  }

  static byte[] bytes(String name) {
    try {
      return Files.readAllBytes(dir().resolve(name + ".wasm"));
    } catch (IOException e) {
      throw new UncheckedIOException(
          "fixture " + name + " missing: run the build (it runs components/fixtures/build.mjs)", e);
    }
  }
}
