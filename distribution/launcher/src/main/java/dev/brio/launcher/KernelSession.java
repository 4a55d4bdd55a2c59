package dev.brio.launcher;

import java.io.IOException;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.Optional;
import org.osgi.framework.BundleException;

/** Helpers shared by the commands that start a kernel or wait for one. */
final class KernelSession {
  private KernelSession() {}

  /**
   * Starts a kernel in this JVM, unless one already runs on the same data directory: then says so
   * and returns empty.
   */
  static Optional<Kernel> startUnlessRunning(BrioHome home, boolean shell, PrintWriter err)
      throws IOException, BundleException {
    try {
      return Optional.of(Kernel.start(home, shell, System.err));
    } catch (DataLock.HeldException e) {
      err.println("brio: " + e.getMessage());
      return Optional.empty();
    }
  }

  /**
   * Polls the control socket until the kernel is ready or {@code timeout} passes. Returns the last
   * answer of the {@code ready} command: {@code ready}, or {@code waiting} and the problems.
   */
  static String awaitReady(BrioHome home, Duration timeout)
      throws IOException, InterruptedException {
    var client = new ControlClient(home.controlSocket());
    long deadline = System.nanoTime() + timeout.toNanos();
    String answer = "waiting\nthe control socket did not open\n";
    while (System.nanoTime() < deadline) {
      try {
        answer = client.send("ready");
        if (answer.startsWith("ready")) {
          return answer;
        }
      } catch (ControlClient.NotRunningException notYet) {
        // the kernel bundle has not opened the socket yet
      }
      Thread.sleep(50);
    }
    return answer;
  }
}
