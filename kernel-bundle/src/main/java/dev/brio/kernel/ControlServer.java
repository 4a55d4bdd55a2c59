package dev.brio.kernel;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.brio.api.deploy.WasmComponents;
import dev.brio.api.mesh.Mesh;
import dev.brio.api.state.EventLog;
import dev.brio.api.state.SqlException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.runtime.ServiceComponentRuntime;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The kernel's local control socket (normally {@code <data>/brio.sock}; the launcher may choose a
 * shorter path and pass it as {@code brio.control.socket}): how {@code brio status} and {@code brio
 * stop} reach a running kernel. A Unix domain socket, readable by the owner only, so nothing on the
 * network can reach it, and answering only peers running as the kernel's own user ({@link
 * PeerCheck}).
 *
 * <p>Protocol: the client writes one command line, the server answers with text and closes.
 * Commands: {@code status} (a table), {@code status-json}, {@code ready} (first line {@code ready}
 * or {@code waiting}, then one problem per line), {@code stop}, and {@code call} (see {@link
 * OperatorCalls}).
 */
@Component(immediate = true)
public final class ControlServer {
  static final String SOCKET_FILE = "brio.sock";
  static final String SOCKET_PROPERTY = "brio.control.socket";
  private static final Logger LOG = LoggerFactory.getLogger(ControlServer.class);
  private static final int EVENTS_SHOWN = 10;

  private final BundleContext context;
  private final KernelHealth health;
  private final ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
  private final Path socketPath;
  private final ServerSocketChannel server;
  private final PeerCheck peers;

  @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
  private volatile EventLog events;

  @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
  private volatile WasmComponents wasmComponents;

  private final OperatorCalls operatorCalls = new OperatorCalls();

  @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
  void setMesh(Mesh mesh) {
    operatorCalls.use(mesh);
  }

  void unsetMesh(Mesh mesh) {
    operatorCalls.stopUsing(mesh); // DS may have bound a replacement already
  }

  @Activate
  public ControlServer(BundleContext context, @Reference ServiceComponentRuntime scr)
      throws IOException {
    this.context = context;
    this.health = new KernelHealth(context, scr);
    this.socketPath = socketPath(context);
    if (socketPath.getParent().equals(DataDirectory.of(context))) {
      Files.createDirectories(socketPath.getParent());
    } else {
      PrivateDirectory.ensure(socketPath.getParent()); // the launcher's short fallback under /tmp
    }
    this.server = bind(socketPath);
    this.peers = new PeerCheck(Files.getOwner(socketPath));
    Thread.ofPlatform().name("brio-control").daemon().start(this::acceptLoop);
    LOG.info("control socket listening on {}", socketPath);
  }

  /** The launcher's choice (framework property), else {@code <data>/brio.sock}. */
  private static Path socketPath(BundleContext context) {
    String chosen = context.getProperty(SOCKET_PROPERTY);
    return chosen == null || chosen.isBlank()
        ? DataDirectory.of(context).resolve(SOCKET_FILE)
        : Path.of(chosen);
  }

  @Deactivate
  void close() throws IOException {
    server.close();
    Files.deleteIfExists(socketPath);
  }

  private static ServerSocketChannel bind(Path path) throws IOException {
    if (Files.exists(path)) {
      if (answers(path)) {
        throw new IOException("another Brio kernel is running with this data directory: " + path);
      }
      Files.delete(path); // left behind by a kernel that was killed
    }
    var channel = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
    channel.bind(UnixDomainSocketAddress.of(path));
    Files.setPosixFilePermissions(path, PosixFilePermissions.fromString("rw-------"));
    return channel;
  }

  private static boolean answers(Path path) {
    try (var probe = SocketChannel.open(UnixDomainSocketAddress.of(path))) {
      return probe.isConnected();
    } catch (IOException notListening) {
      return false;
    }
  }

  private void acceptLoop() {
    while (server.isOpen()) {
      try {
        SocketChannel client = server.accept();
        Thread.ofVirtual().name("brio-control-client").start(() -> serve(client));
      } catch (IOException e) {
        if (!server.isOpen()) {
          return; // closed by deactivate
        }
        // e.g. out of file descriptors: keep serving once the pressure is gone
        LOG.warn("control socket accept failed: {}", e.getMessage());
        try {
          Thread.sleep(100);
        } catch (InterruptedException interrupted) {
          return;
        }
      }
    }
  }

  private void serve(SocketChannel client) {
    var refusal = peers.refusal(client);
    if (refusal.isPresent()) {
      LOG.warn("control socket: refused a connection: {}", refusal.get());
      try (client) {
        client.write(StandardCharsets.UTF_8.encode("error: " + refusal.get() + "\n"));
      } catch (IOException e) {
        LOG.debug("refused control client went away", e);
      }
      return;
    }
    try (client;
        var reader =
            new BufferedReader(
                new InputStreamReader(Channels.newInputStream(client), StandardCharsets.UTF_8));
        var writer = Channels.newOutputStream(client)) {
      String command = reader.readLine();
      String answer =
          command != null && command.startsWith(OperatorCalls.COMMAND + "\t")
              ? operatorCalls.answer(command, reader)
              : answer(command == null ? "" : command.strip());
      writer.write(answer.getBytes(StandardCharsets.UTF_8));
    } catch (IOException | UncheckedIOException e) {
      LOG.debug("control client went away", e);
    }
  }

  String answer(String command) throws JsonProcessingException {
    return switch (command) {
      case "status" -> StatusText.render(report());
      case "status-json" -> json.writeValueAsString(report()) + "\n";
      case "ready" -> readiness(report());
      case "stop" -> {
        Thread.ofPlatform().name("brio-stop").start(this::stopFramework);
        yield "stopping\n";
      }
      default ->
          "error: unknown command '%s'; known: status, status-json, ready, stop, call\n"
              .formatted(command);
    };
  }

  private static String readiness(HealthReport report) {
    var out = new StringBuilder(report.ready() ? "ready\n" : "waiting\n");
    report.problems().forEach(p -> out.append(p).append('\n'));
    return out.toString();
  }

  private HealthReport report() {
    return health.inspect(wasmComponents(), recentEvents());
  }

  private List<WasmLine> wasmComponents() {
    WasmComponents extender = wasmComponents;
    return extender == null ? List.of() : extender.components().stream().map(WasmLine::of).toList();
  }

  private List<EventLine> recentEvents() {
    EventLog log = events;
    if (log == null) {
      return List.of();
    }
    try {
      return log.recent(EVENTS_SHOWN).stream().map(EventLine::of).toList();
    } catch (SqlException e) {
      LOG.warn("cannot read recent events: {}", e.getMessage());
      return List.of();
    }
  }

  private void stopFramework() {
    try {
      context.getBundle(0).stop();
    } catch (BundleException e) {
      LOG.error("cannot stop the framework", e);
    }
  }
}
