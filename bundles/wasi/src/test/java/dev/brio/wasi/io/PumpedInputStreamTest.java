package dev.brio.wasi.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** A real pipe pumped into a guest-facing stream: bytes, end, failure, stall and drop. */
class PumpedInputStreamTest {
  private static final long STALL_NANOS = TimeUnit.MILLISECONDS.toNanos(200);

  private final PipedOutputStream writer = new PipedOutputStream();
  private final PipedInputStream source;

  PumpedInputStreamTest() throws IOException {
    source = new PipedInputStream(writer, 256 * 1024);
  }

  private static PumpedInputStream pumped(
      InputStream in, PumpedInputStream.StallLimit stall, PumpedInputStream.Release release) {
    return new PumpedInputStream(in, "test source", stall, release);
  }

  private static byte[] readAll(PumpedInputStream in) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    while (true) {
      in.block();
      try {
        out.writeBytes(in.read(4096));
      } catch (StreamException e) {
        assertTrue(e.isClosed(), "the end, not a failure: " + e.getMessage());
        return out.toByteArray();
      }
    }
  }

  @Test
  void deliversEveryByteThenTheEnd() throws Exception {
    byte[] sent = new byte[200 * 1024]; // more than the pump buffers ahead
    for (int i = 0; i < sent.length; i++) {
      sent[i] = (byte) (i * 31);
    }
    var in = pumped(source, PumpedInputStream.StallLimit.NONE, PumpedInputStream.Release.KEEP_OPEN);
    Thread.ofVirtual()
        .start(
            () -> {
              try (writer) {
                writer.write(sent);
              } catch (IOException e) {
                throw new IllegalStateException(e);
              }
            });

    assertArrayEquals(sent, readAll(in));
  }

  @Test
  void aReadWithNothingBufferedReturnsNoBytesAtOnce() throws Exception {
    var in = pumped(source, PumpedInputStream.StallLimit.NONE, PumpedInputStream.Release.KEEP_OPEN);

    assertArrayEquals(new byte[0], in.read(10));
    assertFalse(in.ready());
    writer.write("hi".getBytes(StandardCharsets.US_ASCII));
    in.block();
    assertArrayEquals("hi".getBytes(StandardCharsets.US_ASCII), in.read(10));
  }

  @Test
  void aFailingSourceFailsTheStreamNamingIt() throws Exception {
    InputStream broken =
        new InputStream() {
          @Override
          public int read() throws IOException {
            throw new IOException("disk gone");
          }

          @Override
          public int read(byte[] b, int off, int len) throws IOException {
            throw new IOException("disk gone");
          }
        };
    var in = pumped(broken, PumpedInputStream.StallLimit.NONE, PumpedInputStream.Release.KEEP_OPEN);

    in.block();
    StreamException e = assertThrows(StreamException.class, () -> in.read(1));
    assertFalse(e.isClosed());
    assertTrue(e.getMessage().contains("reading the test source failed"), e.getMessage());
    assertTrue(e.getMessage().contains("disk gone"), e.getMessage());
  }

  @Test
  void aStalledSourceFailsWithTheStallFailureAndIsReleased() throws Exception {
    IOException stalled = new IOException("stalled");
    CountDownLatch released = new CountDownLatch(1);
    var in =
        pumped(
            source,
            new PumpedInputStream.StallLimit(STALL_NANOS, () -> stalled),
            s -> {
              assertSame(source, s);
              released.countDown();
            });

    in.block(); // returns once the limit passed with no bytes
    StreamException e = assertThrows(StreamException.class, () -> in.read(1));
    assertSame(stalled, e.getCause());
    assertTrue(released.await(10, TimeUnit.SECONDS), "the stalled source is released");
  }

  @Test
  void waitingForTheGuestToMakeRoomIsNotAStall() throws Exception {
    writer.write(new byte[PumpedInputStream.BUFFER + 1024]);
    var in =
        pumped(
            source,
            new PumpedInputStream.StallLimit(STALL_NANOS, () -> new IOException("stalled")),
            PumpedInputStream.Release.KEEP_OPEN);
    in.block();
    // The pump filled its buffer and waits for room, not for the source.
    Thread.sleep(TimeUnit.NANOSECONDS.toMillis(STALL_NANOS) * 2);

    int total = 0;
    while (total < PumpedInputStream.BUFFER + 1024) {
      in.block();
      total += in.read(64 * 1024).length;
    }
    assertEquals(PumpedInputStream.BUFFER + 1024, total);
  }

  @Test
  void droppingReleasesTheSourceOnceAndEndsTheStream() throws Exception {
    AtomicReference<InputStream> released = new AtomicReference<>();
    var in =
        pumped(
            source,
            PumpedInputStream.StallLimit.NONE,
            s -> assertTrue(released.compareAndSet(null, s), "released once"));
    in.ready(); // starts the pump, which now waits on the pipe

    in.close();
    assertSame(source, released.get());
    writer.write(1); // the pipe itself stays usable: only the stream was dropped
  }
}
