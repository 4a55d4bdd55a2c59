package dev.brio.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class PeerCheckTest {
  private Path directory;
  private Path socket;
  private ServerSocketChannel server;
  private PeerCheck check;

  @BeforeEach
  void listen() throws IOException {
    // Under /tmp, not the build directory: the other user must be able to reach the socket.
    directory = Files.createTempDirectory(Path.of("/tmp"), "brio-peer");
    Files.setPosixFilePermissions(directory, PosixFilePermissions.fromString("rwxr-xr-x"));
    socket = directory.resolve("control.sock");
    server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
    server.bind(UnixDomainSocketAddress.of(socket));
    check = new PeerCheck(Files.getOwner(socket));
  }

  @AfterEach
  void close() throws IOException {
    server.close();
    Files.deleteIfExists(socket);
    Files.deleteIfExists(directory.resolve("Client.java"));
    Files.deleteIfExists(directory);
  }

  @Test
  void theKernelsOwnUserIsLetIn() throws IOException {
    try (SocketChannel client = SocketChannel.open(UnixDomainSocketAddress.of(socket));
        SocketChannel accepted = server.accept()) {
      assertTrue(client.isConnected());
      assertEquals(Optional.empty(), check.refusal(accepted));
    }
  }

  /** Needs root to run the client as another user; the socket is opened to everyone on purpose. */
  @Test
  void anotherUserIsRefusedEvenWhenTheSocketFileLetsThemConnect() throws Exception {
    assumeTrue("root".equals(System.getProperty("user.name")), "needs root to switch users");
    assumeTrue(Files.isExecutable(Path.of("/usr/sbin/runuser")), "needs runuser");
    Files.setPosixFilePermissions(socket, PosixFilePermissions.fromString("rw-rw-rw-"));
    Path client = directory.resolve("Client.java");
    Files.writeString(
        client,
        """
        import java.net.UnixDomainSocketAddress;
        import java.nio.channels.SocketChannel;
        class Client {
          public static void main(String[] args) throws Exception {
            try (var c = SocketChannel.open(UnixDomainSocketAddress.of(args[0]))) {
              Thread.sleep(60_000); // held open until the test has judged it
            }
          }
        }
        """);
    Files.setPosixFilePermissions(client, PosixFilePermissions.fromString("rw-r--r--"));
    String java = ProcessHandle.current().info().command().orElseThrow();
    Process other =
        new ProcessBuilder(
                "/usr/sbin/runuser",
                "-u",
                "nobody",
                "--",
                java,
                client.toString(),
                socket.toString())
            .redirectOutput(ProcessBuilder.Redirect.DISCARD)
            .redirectErrorStream(true)
            .start();
    try (SocketChannel accepted = server.accept()) {
      Optional<String> refusal = check.refusal(accepted);
      assertTrue(refusal.isPresent(), "a connection from 'nobody' must be refused");
      assertTrue(refusal.get().contains("'nobody'"), refusal.get());
    } finally {
      other.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }
  }
}
