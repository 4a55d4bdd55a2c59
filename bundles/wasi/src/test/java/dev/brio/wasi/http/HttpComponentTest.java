package dev.brio.wasi.http;

import static dev.brio.wasi.http.LoopbackServer.head;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.brio.component.binary.Component;
import dev.brio.component.link.LinkException;
import dev.brio.component.link.Linker;
import dev.brio.wasi.Wasi;
import dev.brio.wasi.WasiConfig;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * wasi:http under a hand-written guest (the http-probe component) against a loopback server this
 * test runs on a raw socket, so it controls exactly when the server reads and answers.
 */
class HttpComponentTest {
  private static final long INVALID_SYNTAX = 0;
  private static final long CONNECTION_READ_TIMEOUT = 9;
  private static final long HTTP_REQUEST_DENIED = 15;
  private static final long HTTP_REQUEST_BODY_SIZE = 17;
  private static final long HTTP_RESPONSE_TIMEOUT = 33;

  private LoopbackServer server;
  private HttpProbe probe;

  @BeforeEach
  void open() throws Exception {
    server = new LoopbackServer(16 * 1024);
    probe = new HttpProbe(WasiConfig.builder("http-probe").allowHttp("127.0.0.1"));
  }

  @AfterEach
  void close() throws Exception {
    server.close();
  }

  private String authority() {
    return server.authority();
  }

  /** A server that reads whatever comes and never answers. */
  private static void readToTheEnd(Socket s, InputStream in, OutputStream out) throws IOException {
    while (in.read() >= 0) {
      // until the client closes the connection
    }
  }

  private static void answer(OutputStream out, String head, byte[] body) throws IOException {
    out.write(
        ("HTTP/1.1 " + head + "\r\nContent-Length: " + body.length + "\r\n\r\n")
            .getBytes(StandardCharsets.ISO_8859_1));
    out.write(body);
    out.flush();
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.ISO_8859_1);
  }

  @Test
  void getWithHeadersAndAResponseBody() throws Exception {
    AtomicReference<String> seen = new AtomicReference<>();
    server.serve(
        (s, in, out) -> {
          seen.set(head(in));
          answer(out, "203 Fine", bytes("hello from the server"));
        });
    long fields = probe.fieldsNew();
    assertEquals(0, probe.append(fields, "X-Probe", bytes("one\ttwo")));
    long future = probe.handle(probe.request(fields, authority(), "/path?q=1", false), 0, 0);
    long response = probe.awaitResponse(future);
    probe.drop("future", future);
    assertEquals(203, probe.status(response));
    long[] body = probe.responseStream(response);
    assertEquals(
        "hello from the server", new String(probe.readAll(body[1]), StandardCharsets.ISO_8859_1));
    probe.drop("input-stream", body[1]);
    probe.drop("incoming-body", body[0]);
    probe.drop("response", response);
    assertTrue(seen.get().startsWith("get /path?q=1 http/1.1\r\n"), seen.get());
    assertTrue(seen.get().contains("\r\nx-probe: one\ttwo\r\n"), seen.get());
    assertEquals(0, probe.instance.hostHandleCount(), "handles left in the host table");
  }

  /**
   * An 8 MiB body streams: {@code handle} comes first, the server reads nothing until the guest's
   * writes stall (check-write 0, short of the whole body), then takes all of it; the server's
   * digest of what it received is the guest's.
   */
  @Test
  void eightMiBBodyStreamsWithBackpressure() throws Exception {
    int size = 8 << 20;
    CountDownLatch release = new CountDownLatch(1);
    AtomicReference<String> seen = new AtomicReference<>();
    server.serve(
        (s, in, out) -> {
          seen.set(head(in));
          release.await();
          MessageDigest sha = sha256();
          byte[] buf = new byte[65536];
          for (int left = size; left > 0; ) {
            int n = in.read(buf, 0, Math.min(buf.length, left));
            if (n < 0) {
              throw new IOException("body ended early");
            }
            sha.update(buf, 0, n);
            left -= n;
          }
          answer(out, "200 OK", bytes(HexFormat.of().formatHex(sha.digest())));
        });
    long fields = probe.fieldsNew();
    assertEquals(0, probe.append(fields, "content-length", bytes(Integer.toString(size))));
    long request = probe.request(fields, authority(), "/upload", true);
    long body = probe.body(request);
    long stream = probe.bodyWrite(body);
    long future = probe.handle(request, 0, 0);
    assertTrue(future < HttpProbe.ERROR, "handle answered " + future);

    MessageDigest sent = sha256();
    long written = 0;
    long writtenAtStall = -1;
    while (written < size) {
      long room = probe.checkWrite(stream);
      if (room == 0) {
        if (writtenAtStall < 0) {
          writtenAtStall = written;
          release.countDown();
        }
        probe.waitWritable(stream);
        continue;
      }
      byte[] chunk = chunk(written, (int) Math.min(Math.min(room, 65536), size - written));
      assertEquals(0, probe.write(stream, chunk));
      sent.update(chunk);
      written += chunk.length;
    }
    release.countDown();
    // the stall comes once the pipe and the sockets' buffers are full (measured here: from 256 KiB
    // to 3.8 MiB, the kernel's share varies), never after the whole body
    assertTrue(writtenAtStall >= BodyPipe.CAPACITY, "stalled at " + writtenAtStall);
    assertTrue(writtenAtStall < size, "the guest wrote " + writtenAtStall + " unread bytes");
    probe.drop("output-stream", stream);
    assertEquals(0, probe.finish(body));

    long response = probe.awaitResponse(future);
    probe.drop("future", future);
    assertEquals(200, probe.status(response));
    long[] in = probe.responseStream(response);
    assertEquals(
        HexFormat.of().formatHex(sent.digest()),
        new String(probe.readAll(in[1]), StandardCharsets.ISO_8859_1));
    probe.drop("input-stream", in[1]);
    probe.drop("incoming-body", in[0]);
    probe.drop("response", response);
    assertTrue(seen.get().startsWith("post /upload http/1.1\r\n"), seen.get());
    assertTrue(seen.get().contains("\r\ncontent-length: " + size + "\r\n"), seen.get());
    assertEquals(0, probe.instance.hostHandleCount(), "handles left in the host table");
  }

  /** A body finished before {@code handle} is sent whole, with its length. */
  @Test
  void bodyFinishedBeforeHandleIsSentWithItsLength() throws Exception {
    AtomicReference<String> seen = new AtomicReference<>();
    server.serve(
        (s, in, out) -> {
          String head = head(in);
          seen.set(head + new String(in.readNBytes(11), StandardCharsets.ISO_8859_1));
          answer(out, "201 Created", bytes("stored"));
        });
    long request = probe.request(probe.fieldsNew(), authority(), "/notes", true);
    long body = probe.body(request);
    long stream = probe.bodyWrite(body);
    assertEquals(0, probe.write(stream, bytes("hello world")));
    probe.drop("output-stream", stream);
    assertEquals(0, probe.finish(body));
    long future = probe.handle(request, 1_000, 1_000);
    long response = probe.awaitResponse(future);
    probe.drop("future", future);
    assertEquals(201, probe.status(response));
    probe.drop("response", response);
    assertTrue(seen.get().contains("\r\ncontent-length: 11\r\n"), seen.get());
    assertTrue(seen.get().endsWith("\r\n\r\nhello world"), seen.get());
    assertEquals(0, probe.instance.hostHandleCount(), "handles left in the host table");
  }

  private static byte[] chunk(long offset, int length) {
    byte[] b = new byte[length];
    for (int i = 0; i < length; i++) {
      long at = offset + i;
      b[i] = (byte) (at * 31 + (at >>> 11));
    }
    return b;
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new AssertionError(e);
    }
  }

  @Test
  void bodyShortOfItsContentLengthIsRequestBodySize() throws Exception {
    server.serve(HttpComponentTest::readToTheEnd);
    long fields = probe.fieldsNew();
    assertEquals(0, probe.append(fields, "content-length", bytes("10")));
    long request = probe.request(fields, authority(), "/", true);
    long body = probe.body(request);
    long stream = probe.bodyWrite(body);
    long future = probe.handle(request, 0, 0);
    assertEquals(0, probe.write(stream, bytes("12345")));
    probe.drop("output-stream", stream);
    assertEquals(HttpProbe.ERROR + HTTP_REQUEST_BODY_SIZE, probe.finish(body));
    assertEquals(HttpProbe.ERROR + HTTP_REQUEST_BODY_SIZE, probe.awaitResponse(future));
    probe.drop("future", future);
    assertEquals(0, probe.instance.hostHandleCount(), "handles left in the host table");
  }

  @Test
  void writesBeyondTheContentLengthFail() throws Exception {
    server.serve(HttpComponentTest::readToTheEnd);
    long fields = probe.fieldsNew();
    assertEquals(0, probe.append(fields, "content-length", bytes("3")));
    long request = probe.request(fields, authority(), "/", true);
    long body = probe.body(request);
    long stream = probe.bodyWrite(body);
    long future = probe.handle(request, 0, 0);
    assertEquals(2, probe.write(stream, bytes("12345")), "write failed");
    assertEquals(-1, probe.checkWrite(stream), "and the stream is closed");
    assertEquals(HttpProbe.ERROR + HTTP_REQUEST_BODY_SIZE, probe.awaitResponse(future));
    probe.drop("output-stream", stream);
    probe.drop("outgoing-body", body);
    probe.drop("future", future);
  }

  @Test
  void deniedRequestFailsItsBody() throws Exception {
    HttpProbe denied = new HttpProbe(WasiConfig.builder("http-probe").allowHttp("example.org"));
    long request = denied.request(denied.fieldsNew(), authority(), "/", true);
    long body = denied.body(request);
    long stream = denied.bodyWrite(body);
    assertEquals(HttpProbe.ERROR + HTTP_REQUEST_DENIED, denied.handle(request, 0, 0));
    // nobody will ever read the body: the stream is closed rather than fill up and wait forever
    assertEquals(-1, denied.checkWrite(stream));
    denied.drop("output-stream", stream);
    denied.drop("outgoing-body", body);
    assertEquals(0, denied.instance.hostHandleCount(), "handles left in the host table");
  }

  @Test
  void droppedFutureAbandonsTheRequestAndItsBody() throws Exception {
    CountDownLatch closed = new CountDownLatch(1);
    server.serve(
        (s, in, out) -> {
          try {
            while (in.read() >= 0) {
              // whatever the client sent before it abandoned the exchange
            }
          } finally {
            closed.countDown();
          }
        });
    long request = probe.request(probe.fieldsNew(), authority(), "/", true);
    long body = probe.body(request);
    long stream = probe.bodyWrite(body);
    long future = probe.handle(request, 0, 0);
    assertEquals(0, probe.write(stream, bytes("partial")));
    probe.drop("future", future);
    assertTrue(closed.await(10, TimeUnit.SECONDS), "the connection was closed");
    assertEquals(-1, probe.checkWrite(stream), "the body is closed once the request is abandoned");
    probe.drop("output-stream", stream);
    probe.drop("outgoing-body", body);
    assertEquals(0, probe.instance.hostHandleCount(), "handles left in the host table");
  }

  @Test
  void firstByteTimeoutEndsASilentExchange() throws Exception {
    CountDownLatch done = new CountDownLatch(1);
    server.serve(
        (s, in, out) -> {
          head(in);
          done.await();
        });
    long future = probe.handle(probe.request(probe.fieldsNew(), authority(), "/", false), 200, 0);
    assertEquals(HttpProbe.ERROR + HTTP_RESPONSE_TIMEOUT, probe.awaitResponse(future));
    probe.drop("future", future);
    done.countDown();
  }

  @Test
  void betweenBytesTimeoutFailsABodyThatStalls() throws Exception {
    CountDownLatch done = new CountDownLatch(1);
    server.serve(
        (s, in, out) -> {
          head(in);
          out.write(bytes("HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\nfirst ten."));
          out.flush();
          done.await();
        });
    long future = probe.handle(probe.request(probe.fieldsNew(), authority(), "/", false), 0, 300);
    long response = probe.awaitResponse(future);
    probe.drop("future", future);
    long[] body = probe.responseStream(response);
    HttpProbe.Read first = probe.read(body[1], 100);
    assertArrayEquals(
        bytes("first ten."), assertInstanceOf(HttpProbe.Read.Bytes.class, first).bytes());
    assertEquals(
        new HttpProbe.Read.Error(HttpProbe.ERROR + CONNECTION_READ_TIMEOUT),
        probe.read(body[1], 100));
    done.countDown();
    probe.drop("input-stream", body[1]);
    probe.drop("incoming-body", body[0]);
    probe.drop("response", response);
    assertEquals(0, probe.instance.hostHandleCount(), "handles left in the host table");
  }

  @Test
  void aBodyThatPausesShorterThanTheTimeoutIsRead() throws Exception {
    server.serve(
        (s, in, out) -> {
          head(in);
          out.write(bytes("HTTP/1.1 200 OK\r\nContent-Length: 20\r\n\r\nfirst ten."));
          out.flush();
          Thread.sleep(200);
          out.write(bytes("then ten.."));
          out.flush();
          in.read();
        });
    long future = probe.handle(probe.request(probe.fieldsNew(), authority(), "/", false), 0, 5_000);
    long response = probe.awaitResponse(future);
    probe.drop("future", future);
    long[] body = probe.responseStream(response);
    assertEquals(
        "first ten.then ten..", new String(probe.readAll(body[1]), StandardCharsets.ISO_8859_1));
    probe.drop("input-stream", body[1]);
    probe.drop("incoming-body", body[0]);
    probe.drop("response", response);
  }

  /** Every control byte but HTAB, and DEL, is refused by from-list, set and append alike. */
  @Test
  void fieldValuesWithControlBytesAreInvalidSyntax() {
    long fields = probe.fieldsNew();
    for (int b : new int[] {0x00, 0x01, 0x08, 0x0a, 0x0b, 0x0c, 0x0d, 0x1b, 0x1f, 0x7f}) {
      byte[] value = {'a', (byte) b, 'z'};
      String what = String.format("byte 0x%02x", b);
      assertEquals(1 + INVALID_SYNTAX, probe.append(fields, "x-test", value), what);
      assertEquals(1 + INVALID_SYNTAX, probe.set(fields, "x-test", value), what);
      assertEquals(HttpProbe.ERROR + INVALID_SYNTAX, probe.fromList("x-test", value), what);
    }
    assertEquals("", probe.get(fields, "x-test"), "nothing bad was stored");
    byte[] fine = {'a', '\t', ' ', (byte) 0xe9, '~', 'z'};
    assertEquals(0, probe.append(fields, "x-test", fine));
    assertEquals(0, probe.append(fields, "X-Test", bytes("second")));
    assertEquals("a\t \u00e9~z,second", probe.get(fields, "x-test"));
    long other = probe.fromList("x-other", fine);
    assertTrue(other < HttpProbe.ERROR);
    probe.drop("fields", other);
    probe.drop("fields", fields);
  }

  @Test
  void fieldNamesMustBeTokens() {
    long fields = probe.fieldsNew();
    for (String name : new String[] {"", "a b", "a:b", "a\u0000", "caf\u00e9", "(x)", "a\"b"}) {
      assertEquals(1 + INVALID_SYNTAX, probe.append(fields, name, bytes("v")), name);
      assertEquals(HttpProbe.ERROR + INVALID_SYNTAX, probe.fromList(name, bytes("v")), name);
    }
    probe.drop("fields", fields);
  }

  @Test
  void handleImportedWithAnotherTypeIsRefusedAtLink() throws Exception {
    Component wrong = HttpProbe.parse("http-wrong-type");
    Linker linker = new Linker();
    new Wasi(WasiConfig.builder("wrong").allowHttp("127.0.0.1").build()).defineFor(wrong, linker);
    LinkException e = assertThrows(LinkException.class, () -> linker.instantiate(wrong));
    String m = e.getMessage();
    assertTrue(
        m.contains(
            "import wasi:http/outgoing-handler@0.2.3#handle has type func(request:"
                + " own<outgoing-request>) -> u32 but the host defines func(request:"
                + " own<outgoing-request>, options: option<own<request-options>>) ->"
                + " result<own<future-incoming-response>, variant { DNS-timeout,"),
        m);
  }
}
