package dev.brio.launcher;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.AsynchronousCloseException;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Talks to a running kernel through its control socket ({@code data/brio.sock}, served by the
 * kernel bundle): writes one command line and reads the answer until the kernel closes.
 */
final class ControlClient {
  private static final Duration DEFAULT_ANSWER_TIMEOUT = Duration.ofSeconds(30);

  private final Path socket;
  private final Duration answerTimeout;

  ControlClient(Path socket) {
    this(socket, DEFAULT_ANSWER_TIMEOUT);
  }

  /** A client that gives up when the kernel has not answered within {@code answerTimeout}. */
  ControlClient(Path socket, Duration answerTimeout) {
    this.socket = socket;
    this.answerTimeout = answerTimeout;
  }

  /** Thrown when no kernel listens on the socket. */
  static final class NotRunningException extends IOException {
    private static final long serialVersionUID = 1L;

    NotRunningException(Path socket, Throwable cause) {
      super("Brio kernel is not running (nothing listens on " + socket + ")", cause);
    }
  }

  String send(String command) throws IOException {
    return send(command, "");
  }

  /** Sends a command line followed by a body (up to the end of the stream) and reads the answer. */
  String send(String command, String body) throws IOException {
    if (!Files.exists(socket)) {
      throw new NotRunningException(socket, null);
    }
    ControlSocket.requireTrusted(socket);
    SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX);
    // A kernel that accepts but never answers must not hang the client: a watchdog closes the
    // channel when the time is up, which ends the blocked read.
    Thread watchdog = Thread.ofVirtual().unstarted(() -> closeAfter(channel, answerTimeout));
    try {
      try {
        channel.connect(UnixDomainSocketAddress.of(socket));
      } catch (IOException refused) {
        throw new NotRunningException(socket, refused);
      }
      watchdog.start();
      return exchange(channel, command, body);
    } catch (AsynchronousCloseException e) {
      throw new IOException("the kernel did not answer within " + answerTimeout, e);
    } finally {
      watchdog.interrupt();
      channel.close();
    }
  }

  private static void closeAfter(SocketChannel channel, Duration timeout) {
    try {
      Thread.sleep(timeout);
      channel.close();
    } catch (InterruptedException | IOException answered) {
      // the answer came in time, or the channel is closed already
    }
  }

  private static String exchange(SocketChannel channel, String command, String body)
      throws IOException {
    ByteBuffer request = ByteBuffer.wrap((command + "\n" + body).getBytes(StandardCharsets.UTF_8));
    while (request.hasRemaining()) {
      channel.write(request);
    }
    channel.shutdownOutput();
    return new String(Channels.newInputStream(channel).readAllBytes(), StandardCharsets.UTF_8);
  }

  /** True when the kernel answers {@code ready}: every bundle active, every component satisfied. */
  boolean ready() throws IOException {
    return send("ready").startsWith("ready");
  }
}
