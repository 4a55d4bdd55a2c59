package dev.brio.distribution;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/** A kernel started by {@code bin/brio start} in a child JVM, and its control socket. */
final class KernelProcess implements AutoCloseable {
  private final Installation installation;
  private final Process process;
  private final Path log;

  private KernelProcess(Installation installation, Process process, Path log) {
    this.installation = installation;
    this.process = process;
    this.log = log;
  }

  static KernelProcess start(Installation installation) throws IOException {
    Path log = Files.createTempFile(installation.home(), "kernel", ".log");
    return new KernelProcess(installation, installation.launch(log, "start"), log);
  }

  /** One command over the control socket, as `brio status` sends it. */
  String control(String command) throws IOException {
    return control(command, "");
  }

  /** A command line and a body, as `brio call` sends them. */
  String control(String command, String body) throws IOException {
    try (var channel = SocketChannel.open(StandardProtocolFamily.UNIX)) {
      channel.connect(UnixDomainSocketAddress.of(installation.controlSocket()));
      ByteBuffer request =
          ByteBuffer.wrap((command + "\n" + body).getBytes(StandardCharsets.UTF_8));
      while (request.hasRemaining()) {
        channel.write(request);
      }
      channel.shutdownOutput();
      return new String(Channels.newInputStream(channel).readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  /**
   * Waits until the kernel answers {@code ready}; fails with the kernel's own list of what is not
   * active or satisfied, and its log, when it is not ready in time.
   */
  Duration awaitReady(Duration timeout) throws IOException, InterruptedException {
    long began = System.nanoTime();
    String last = "the control socket never opened";
    while (System.nanoTime() - began < timeout.toNanos()) {
      if (!process.isAlive()) {
        fail("the kernel exited with " + process.exitValue() + " before it was ready:\n" + log());
      }
      try {
        last = control("ready");
        if (last.startsWith("ready")) {
          return Duration.ofNanos(System.nanoTime() - began);
        }
      } catch (IOException notYet) {
        // the kernel bundle has not opened its socket yet
      }
      Thread.sleep(50);
    }
    return fail("kernel not ready after " + timeout + ":\n" + last + "\nlog:\n" + log());
  }

  String log() throws IOException {
    return Files.readString(log);
  }

  Process process() {
    return process;
  }

  /** Sends SIGTERM, as Ctrl-C or a service manager would, and waits for the JVM to exit. */
  int terminate() throws InterruptedException, IOException {
    process.destroy();
    return awaitExit();
  }

  int awaitExit() throws InterruptedException, IOException {
    if (!process.waitFor(60, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      fail("the kernel did not stop within 60 s:\n" + log());
    }
    return process.exitValue();
  }

  @Override
  public void close() {
    process.destroyForcibly();
  }
}
