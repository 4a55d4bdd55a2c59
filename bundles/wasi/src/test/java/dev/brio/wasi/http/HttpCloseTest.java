package dev.brio.wasi.http;

import static dev.brio.wasi.http.LoopbackServer.head;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.brio.wasi.WasiConfig;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Closing an instance's {@link dev.brio.wasi.Wasi} while the guest still holds HTTP resources (it
 * trapped, or was undeployed, without dropping them): the server sees the connection closed,
 * whichever stage the exchange was at. No timeout is set, so nothing but the close ends them.
 */
class HttpCloseTest {
  private LoopbackServer server;
  private HttpProbe probe;
  private final CountDownLatch requestReceived = new CountDownLatch(1);
  private final CountDownLatch connectionClosed = new CountDownLatch(1);

  @BeforeEach
  void open() throws Exception {
    server = new LoopbackServer(0);
    probe = new HttpProbe(WasiConfig.builder("http-probe").allowHttp("127.0.0.1"));
  }

  @AfterEach
  void close() throws Exception {
    probe.wasi.close();
    server.close();
  }

  private String authority() {
    return server.authority();
  }

  /**
   * Accepts one connection, lets {@code answer} write what it will, then reads until the client
   * closes the connection (counting {@link #connectionClosed} down; a reset is a close as well).
   */
  private void serve(Answer answer) {
    server.serve(
        (s, in, out) -> {
          try {
            head(in);
            requestReceived.countDown();
            answer.write(out);
            while (in.read() >= 0) {
              // whatever the client sends until it closes
            }
          } finally {
            connectionClosed.countDown();
          }
        });
  }

  @FunctionalInterface
  private interface Answer {
    void write(OutputStream out) throws IOException;
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.ISO_8859_1);
  }

  private void assertConnectionClosed() throws InterruptedException {
    assertTrue(
        connectionClosed.await(10, TimeUnit.SECONDS),
        "the server still has the connection open after the WASI host was closed");
  }

  @Test
  void closeEndsAResponseBodyBeingReadAndItsConnection() throws Exception {
    serve(
        out -> {
          out.write(bytes("HTTP/1.1 200 OK\r\nContent-Length: 1000\r\n\r\nfirst ten."));
          out.flush();
        });
    long future = probe.handle(probe.request(probe.fieldsNew(), authority(), "/", false), 0, 0);
    long response = probe.awaitResponse(future);
    long[] body = probe.responseStream(response);
    HttpProbe.Read first = probe.read(body[1], 100);
    assertArrayEquals(
        bytes("first ten."), assertInstanceOf(HttpProbe.Read.Bytes.class, first).bytes());
    // the pump now waits for the other 990 bytes, forever: only the close ends it
    probe.wasi.close();
    assertConnectionClosed();
  }

  @Test
  void closeReleasesAResponseWhoseBodyWasNeverTaken() throws Exception {
    serve(
        out -> {
          out.write(bytes("HTTP/1.1 200 OK\r\nContent-Length: 1000\r\n\r\nfirst ten."));
          out.flush();
        });
    long future = probe.handle(probe.request(probe.fieldsNew(), authority(), "/", false), 0, 0);
    probe.awaitResponse(future);
    probe.wasi.close();
    assertConnectionClosed();
  }

  @Test
  void closeAbandonsARequestWhoseBodyIsStillBeingWritten() throws Exception {
    serve(out -> {});
    long request = probe.request(probe.fieldsNew(), authority(), "/", true);
    long body = probe.body(request);
    long stream = probe.bodyWrite(body);
    probe.handle(request, 0, 0);
    probe.write(stream, bytes("partial"));
    assertTrue(requestReceived.await(10, TimeUnit.SECONDS), "the request never arrived");
    probe.wasi.close();
    assertConnectionClosed();
  }

  @Test
  void closeAbandonsAnExchangeWaitingForItsResponse() throws Exception {
    serve(out -> {});
    probe.handle(probe.request(probe.fieldsNew(), authority(), "/", false), 0, 0);
    // the server has the request and will never answer: only the close ends the wait
    assertTrue(requestReceived.await(10, TimeUnit.SECONDS), "the request never arrived");
    probe.wasi.close();
    assertConnectionClosed();
  }
}
