package dev.brio.wasi.http;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * An HTTP server for the wasi:http tests on a raw loopback socket, so a test decides exactly when
 * it reads and what it answers: one connection at a time, each run by an {@link Exchange} on a
 * virtual thread.
 */
final class LoopbackServer implements AutoCloseable {
  /** What the server does with one connection. */
  @FunctionalInterface
  interface Exchange {
    void run(Socket socket, InputStream in, OutputStream out)
        throws IOException, InterruptedException;
  }

  private final ServerSocket server;
  private Thread serverThread;

  /**
   * @param receiveBuffer the socket's receive buffer in bytes (small: a server that does not read
   *     pushes back at once), or 0 for the system's default
   */
  LoopbackServer(int receiveBuffer) throws IOException {
    server = new ServerSocket();
    if (receiveBuffer > 0) {
      server.setReceiveBufferSize(receiveBuffer);
    }
    server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
  }

  /** What a request names to reach this server. */
  String authority() {
    return "127.0.0.1:" + server.getLocalPort();
  }

  /** Runs {@code exchange} on the next connection. */
  void serve(Exchange exchange) {
    serverThread =
        Thread.ofVirtual()
            .start(
                () -> {
                  try (Socket s = server.accept()) {
                    exchange.run(s, s.getInputStream(), s.getOutputStream());
                  } catch (IOException | InterruptedException e) {
                    // the test is over, or the client went away
                  }
                });
  }

  /** The request head, up to the empty line, lower-cased. */
  static String head(InputStream in) throws IOException {
    ByteArrayOutputStream head = new ByteArrayOutputStream();
    while (!head.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
      int b = in.read();
      if (b < 0) {
        throw new IOException("connection closed in the request head");
      }
      head.write(b);
    }
    return head.toString(StandardCharsets.ISO_8859_1).toLowerCase(Locale.ROOT);
  }

  @Override
  public void close() throws IOException {
    server.close();
    if (serverThread != null) {
      serverThread.interrupt();
      try {
        serverThread.join(5_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
