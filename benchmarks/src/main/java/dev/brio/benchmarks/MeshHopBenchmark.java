package dev.brio.benchmarks;

import dev.brio.api.mesh.Caller;
import dev.brio.api.mesh.MeshException;
import dev.brio.api.mesh.Payload;
import dev.brio.api.mesh.TargetSpec;
import dev.brio.mesh.Switchboard;
import io.undertow.Undertow;
import io.undertow.util.Headers;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * One hop through the mesh and back with a 1 KiB JSON payload — caller → mailbox → the target's
 * virtual thread → answer — beside the same exchange as an HTTP POST to an Undertow echo handler on
 * loopback (keep-alive, java.net.http client): what a broker-less in-memory mesh saves over the
 * HTTP a service mesh would use. Both targets answer with the payload they got.
 */
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(
    value = 1,
    jvmArgsAppend = {"--enable-native-access=ALL-UNNAMED", "--sun-misc-unsafe-memory-access=allow"})
public class MeshHopBenchmark {
  static final String PAYLOAD_1K = "{\"data\":\"" + "x".repeat(1024 - 11) + "\"}";
  private static final Caller CALLER =
      new Caller("bench", Set.of("echo", "echo-on-caller"), Duration.ofSeconds(10));

  /**
   * A switchboard with two Java echo targets: {@code echo} through its mailbox, {@code
   * echo-on-caller} on the fast path (an idle instance runs the call on the caller's thread).
   */
  @State(Scope.Benchmark)
  public static class Mesh {
    Switchboard switchboard;
    final Payload payload = Payload.json(PAYLOAD_1K);

    @Setup
    public void start() {
      switchboard = new Switchboard();
      switchboard.register(
          new TargetSpec("echo", Duration.ofSeconds(10), 64), List.of((call, args) -> args));
      switchboard.register(
          new TargetSpec("echo-on-caller", Duration.ofSeconds(10), 64, true),
          List.of((call, args) -> args));
    }

    @TearDown
    public void stop() {
      switchboard.close();
    }
  }

  /** An Undertow server on a free loopback port echoing the request body, and a client. */
  @State(Scope.Benchmark)
  public static class Http {
    Undertow server;
    HttpClient client;
    HttpRequest request;

    @Setup
    public void start() throws IOException {
      int port;
      try (var probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
        port = probe.getLocalPort();
      }
      server =
          Undertow.builder()
              .addHttpListener(port, "127.0.0.1")
              .setHandler(
                  exchange ->
                      exchange
                          .getRequestReceiver()
                          .receiveFullBytes(
                              (ex, body) -> {
                                ex.getResponseHeaders()
                                    .put(Headers.CONTENT_TYPE, "application/json");
                                ex.getResponseSender().send(ByteBuffer.wrap(body));
                              }))
              .build();
      server.start();
      client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
      request =
          HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/echo/hop"))
              .header("Content-Type", "application/json")
              .POST(HttpRequest.BodyPublishers.ofString(PAYLOAD_1K))
              .build();
    }

    @TearDown
    public void stop() {
      client.close();
      server.stop();
    }
  }

  @Benchmark
  public Payload meshHop(Mesh mesh) throws MeshException {
    return mesh.switchboard.call(CALLER, "echo", "hop", mesh.payload);
  }

  /** The same hop on the fast path: no thread hand-off when the instance is idle. */
  @Benchmark
  public Payload meshHopOnCaller(Mesh mesh) throws MeshException {
    return mesh.switchboard.call(CALLER, "echo-on-caller", "hop", mesh.payload);
  }

  @Benchmark
  public String httpHop(Http http) throws IOException, InterruptedException {
    return http.client.send(http.request, HttpResponse.BodyHandlers.ofString()).body();
  }
}
