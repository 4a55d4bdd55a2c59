package dev.brio.wasi.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.brio.component.values.VariantValue;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Real exchanges that fail, and the error-code each failure becomes. */
class HttpSenderTest {
  @Test
  void aClientIsSharedForOneConnectTimeoutWhileItIsInUse() {
    Optional<Duration> timeout = Optional.of(Duration.ofMillis(1234));
    HttpClient client = HttpSender.client(timeout);

    assertSame(client, HttpSender.client(timeout));
    assertEquals(Optional.of(Duration.ofMillis(1234)), client.connectTimeout());
    assertNotSame(client, HttpSender.client(Optional.of(Duration.ofMillis(4321))));
  }

  private final HttpSender sender = new HttpSender();

  private static OutgoingRequest request(String authority) {
    OutgoingRequest r = new OutgoingRequest(new Fields(true));
    r.authority = Optional.of(authority);
    return r;
  }

  private String failure(OutgoingRequest r, String uri, Optional<RequestOptions> options)
      throws Exception {
    FutureResponse future = new FutureResponse(sender.send(r, URI.create(uri), options));
    future.block();
    assertTrue(future.ready());
    FutureResponse.Outcome.Failed failed =
        assertInstanceOf(FutureResponse.Outcome.Failed.class, future.take());
    assertInstanceOf(FutureResponse.Outcome.AlreadyTaken.class, future.take());
    return ((VariantValue) HttpErrors.of(failed.cause())).caseName();
  }

  @Test
  void closedPortIsConnectionRefused() throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = s.getLocalPort();
    }
    assertEquals(
        "connection-refused",
        failure(request("127.0.0.1:" + port), "http://127.0.0.1:" + port + "/", Optional.empty()));
  }

  @Test
  void unknownHostIsDnsError() throws Exception {
    assertEquals(
        "DNS-error",
        failure(request("no-such-host.invalid"), "http://no-such-host.invalid/", Optional.empty()));
  }

  @Test
  void silentServerIsResponseTimeout() throws Exception {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      Thread accept =
          Thread.ofVirtual()
              .start(
                  () -> {
                    try (Socket c = s.accept()) {
                      c.getInputStream().read(new byte[1024]);
                      Thread.sleep(5_000);
                    } catch (Exception e) {
                      // the test is over
                    }
                  });
      RequestOptions options = new RequestOptions();
      options.firstByteTimeout = Optional.of(200_000_000L);
      String authority = "127.0.0.1:" + s.getLocalPort();
      assertEquals(
          "HTTP-response-timeout",
          failure(request(authority), "http://" + authority + "/", Optional.of(options)));
      accept.interrupt();
    }
  }

  @Test
  void bodyDroppedWithoutFinishFailsTheRequest() throws Exception {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      String authority = "127.0.0.1:" + s.getLocalPort();
      OutgoingRequest r = request(authority);
      OutgoingBody body = r.takeBody().orElseThrow();
      assertTrue(r.takeBody().isEmpty());
      FutureResponse future =
          new FutureResponse(
              sender.send(r, URI.create("http://" + authority + "/"), Optional.empty()));
      assertEquals(false, future.ready());
      body.dropped();
      future.block();
      FutureResponse.Outcome.Failed failed =
          assertInstanceOf(FutureResponse.Outcome.Failed.class, future.take());
      assertEquals("internal-error", ((VariantValue) HttpErrors.of(failed.cause())).caseName());
    }
  }
}
