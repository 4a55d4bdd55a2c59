package dev.brio.component.binary;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** The component fixtures built from components/fixtures/wat by the module's build. */
public final class Fixtures {
  private Fixtures() {}

  public static final List<String> NAMES =
      List.of("upper", "types", "resource", "nested", "versioned", "embedded");

  public static Path dir() {
    return Path.of(System.getProperty("brio.fixtures", "target/fixtures"));
  }

  public static byte[] bytes(String name) {
    try {
      return Files.readAllBytes(dir().resolve(name + ".wasm"));
    } catch (IOException e) {
      throw new UncheckedIOException(
          "fixture " + name + " missing: run the build (it runs components/fixtures/build.mjs)", e);
    }
  }

  public static Component parse(String name) throws ComponentFormatException {
    return ComponentParser.parse(bytes(name));
  }

  /** Every built fixture, so a new .wat file is covered without touching the tests. */
  public static List<String> all() {
    try (Stream<Path> files = Files.list(dir())) {
      return files
          .filter(Files::isRegularFile)
          .map(p -> p.getFileName().toString())
          .filter(n -> n.endsWith(".wasm"))
          .map(n -> n.substring(0, n.length() - 5))
          .sorted()
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
