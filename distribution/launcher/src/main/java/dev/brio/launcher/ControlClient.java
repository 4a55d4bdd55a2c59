package dev.brio.launcher;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Talks to a running kernel through its control socket ({@code data/brio.sock}, served by the
 * kernel bundle): writes one command line and reads the answer until the kernel closes.
 */
final class ControlClient {
  private final Path socket;

  ControlClient(Path socket) {
    this.socket = socket;
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
    try (var channel = SocketChannel.open(StandardProtocolFamily.UNIX)) {
      try {
        channel.connect(UnixDomainSocketAddress.of(socket));
      } catch (IOException refused) {
        throw new NotRunningException(socket, refused);
      }
      ByteBuffer request =
          ByteBuffer.wrap((command + "\n" + body).getBytes(StandardCharsets.UTF_8));
      while (request.hasRemaining()) {
        channel.write(request);
      }
      channel.shutdownOutput();
      return new String(Channels.newInputStream(channel).readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  /** True when the kernel answers {@code ready}: every bundle active, every component satisfied. */
  boolean ready() throws IOException {
    return send("ready").startsWith("ready");
  }
}
