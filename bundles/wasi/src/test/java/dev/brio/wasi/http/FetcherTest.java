package dev.brio.wasi.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import dev.brio.component.binary.Component;
import dev.brio.component.binary.ComponentParser;
import dev.brio.component.link.ComponentInstance;
import dev.brio.component.link.Engine;
import dev.brio.component.link.Linker;
import dev.brio.component.values.StringValue;
import dev.brio.component.values.Value;
import dev.brio.wasi.Wasi;
import dev.brio.wasi.WasiConfig;
import dev.brio.wasi.filesystem.Preopen;
import java.io.ByteArrayOutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A JavaScript component built by componentize-js with its default features (StarlingMonkey,
 * components/js/fetcher) reads a file from its preopen, logs it to stdout, and fetches a loopback
 * server with GET and POST: once with the loopback host granted, once without.
 */
class FetcherTest {
  private static final Engine ENGINE = Engine.builder().build();
  private static Component fetcher;

  @TempDir Path dir;
  private HttpServer server;
  private final List<String> seen = new CopyOnWriteArrayList<>();
  private final List<String> contentTypes = new CopyOnWriteArrayList<>();
  private final ByteArrayOutputStream stdout = new ByteArrayOutputStream();

  @BeforeAll
  static void parse() throws Exception {
    Path file =
        Path.of(System.getProperty("brio.fixtures", "target/fixtures"), "js", "fetcher-sm.wasm");
    fetcher = ComponentParser.parse(Files.readAllBytes(file));
  }

  @BeforeEach
  void start() throws Exception {
    Files.writeString(dir.resolve("note.txt"), "hello from the preopen\n");
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext(
        "/",
        exchange -> {
          String body =
              new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
          seen.add(exchange.getRequestMethod() + " " + exchange.getRequestURI() + " " + body);
          contentTypes.add(String.valueOf(exchange.getRequestHeaders().getFirst("content-type")));
          byte[] answer =
              ("got " + exchange.getRequestMethod() + (body.isEmpty() ? "" : " " + body))
                  .getBytes(StandardCharsets.UTF_8);
          exchange.sendResponseHeaders(
              exchange.getRequestMethod().equals("POST") ? 201 : 200, answer.length);
          exchange.getResponseBody().write(answer);
          exchange.close();
        });
    server.start();
  }

  @AfterEach
  void stop() {
    server.stop(0);
  }

  private String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/echo?x=1";
  }

  private String run(WasiConfig.Builder config) throws Exception {
    return call(config, "run", url());
  }

  private String call(WasiConfig.Builder config, String function, String argument)
      throws Exception {
    Linker linker = new Linker(ENGINE);
    new Wasi(config.stdout(stdout).preopen(new Preopen(dir, "/data", true)).build())
        .defineFor(fetcher, linker);
    ComponentInstance instance = linker.instantiate(fetcher);
    Optional<Value> result = instance.call(function, new StringValue(argument));
    // requests, options and bodies the guest handed over were taken, none left behind
    assertEquals(0, instance.hostHandleCount(), "own handles left in the host table");
    return ((StringValue) result.orElseThrow()).value();
  }

  @Test
  void theGuestSeesTheErrorCases() throws Exception {
    String authority = "127.0.0.1:" + server.getAddress().getPort();
    assertEquals(
        "host: forbidden, request headers: immutable, handle: HTTP-request-denied",
        call(WasiConfig.builder("fetcher").allowHttp("localhost"), "probe", authority));
    assertEquals(List.of(), seen);
  }

  @Test
  void grantedHostIsFetchedWithGetAndPost() throws Exception {
    String result = run(WasiConfig.builder("fetcher").allowHttp("127.0.0.1"));
    assertEquals("GET 200 got GET; POST 201 got POST hello from the preopen", result);
    assertEquals(List.of("GET /echo?x=1 ", "POST /echo?x=1 hello from the preopen"), seen);
    assertTrue(
        stdout.toString(StandardCharsets.UTF_8).contains("note: hello from the preopen"),
        stdout.toString(StandardCharsets.UTF_8));
  }

  @Test
  void hostNotGrantedIsDeniedBeforeAnyConnection() throws Exception {
    String result = run(WasiConfig.builder("fetcher").allowHttp("example.org"));
    // StarlingMonkey turns every error-code into the same TypeError; the host's log names the
    // denial
    assertTrue(result.startsWith("fetch failed: "), result);
    assertEquals(List.of(), seen);
    String log = Files.readString(Path.of(System.getProperty("org.slf4j.simpleLogger.logFile")));
    assertTrue(
        log.contains(
            "denied outgoing HTTP request to \"127.0.0.1:"
                + server.getAddress().getPort()
                + "\": host not granted"),
        log);
    assertTrue(
        stdout.toString(StandardCharsets.UTF_8).contains("note: hello from the preopen"),
        stdout.toString(StandardCharsets.UTF_8));
  }
}
