package dev.brio.distribution;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.brio.launcher.ControlSocket;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A private copy of the assembled distribution (target/brio) in a test's temp dir, so each test
 * starts from a clean data directory, and the commands to run its {@code bin/brio}.
 */
record Installation(Path home) {

  static Installation copyOfAssembled(Path into) throws IOException {
    Path assembled = Path.of(System.getProperty("brio.distribution", "target/brio"));
    assertTrue(
        Files.isExecutable(assembled.resolve("bin/brio")),
        "the assembled distribution is missing at " + assembled.toAbsolutePath());
    try (Stream<Path> tree = Files.walk(assembled)) {
      for (Path source : tree.toList()) {
        Path relative = assembled.relativize(source);
        if (relative.startsWith("data")) {
          continue; // a kernel once started in the assembled tree left its state: not installed
        }
        Path target = into.resolve(relative.toString());
        if (Files.isDirectory(source)) {
          Files.createDirectories(target);
        } else {
          Files.copy(source, target, StandardCopyOption.COPY_ATTRIBUTES);
        }
      }
    }
    return new Installation(into);
  }

  Path data() {
    return home.resolve("data");
  }

  Path controlSocket() {
    return ControlSocket.forData(data());
  }

  Path database() {
    return data().resolve("brio.db");
  }

  /** Starts {@code bin/brio ARGS} with this test's JDK, its output going to {@code log}. */
  Process launch(Path log, String... args) throws IOException {
    var command = new java.util.ArrayList<String>();
    command.add(home.resolve("bin/brio").toString());
    command.addAll(List.of(args));
    var builder = new ProcessBuilder(command).redirectErrorStream(true);
    builder.redirectOutput(log.toFile());
    builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
    builder
        .environment()
        .put("BRIO_JAVA_OPTS", "-Djava.io.tmpdir=" + System.getProperty("java.io.tmpdir"));
    return builder.start();
  }

  /** Runs {@code bin/brio ARGS} to completion and returns its exit code and output. */
  Result run(String... args) throws IOException, InterruptedException {
    Path log = Files.createTempFile(home, "run", ".log");
    Process process = launch(log, args);
    if (!process.waitFor(120, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new AssertionError("bin/brio " + String.join(" ", args) + " did not finish in 120 s");
    }
    return new Result(process.exitValue(), Files.readString(log));
  }

  record Result(int exitCode, String output) {}
}
