package dev.brio.wasi.http;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The request body pipe between the guest's writes and the HTTP client's demand. */
class BodyPipeTest {
  /** A subscriber that asks for chunks only when told to, and records what it got. */
  private static final class Client implements Flow.Subscriber<ByteBuffer> {
    final ByteArrayOutputStream received = new ByteArrayOutputStream();
    final List<String> events = new CopyOnWriteArrayList<>();
    Flow.Subscription subscription;

    @Override
    public void onSubscribe(Flow.Subscription s) {
      subscription = s;
    }

    @Override
    public synchronized void onNext(ByteBuffer item) {
      byte[] b = new byte[item.remaining()];
      item.get(b);
      received.writeBytes(b);
      events.add("next " + b.length);
    }

    @Override
    public void onError(Throwable t) {
      events.add("error " + t.getMessage());
    }

    @Override
    public void onComplete() {
      events.add("complete");
    }
  }

  @Test
  void roomShrinksAsTheGuestWritesAndGrowsAsTheClientTakes() throws Exception {
    BodyPipe pipe = new BodyPipe(10);
    Client client = new Client();
    pipe.subscribe(client);
    assertEquals(10, pipe.room());
    pipe.write(new byte[] {1, 2, 3, 4});
    pipe.write(new byte[] {5, 6, 7, 8, 9, 10});
    assertEquals(0, pipe.room());
    assertFalse(pipe.ready(), "full: the guest waits");
    assertThrows(IOException.class, () -> pipe.write(new byte[] {11}));
    client.subscription.request(1);
    assertEquals(4, pipe.room());
    assertTrue(pipe.ready());
    assertEquals(List.of("next 4"), client.events);
    pipe.finish();
    assertFalse(pipe.sent().isDone(), "a chunk is still queued");
    client.subscription.request(5);
    assertArrayEquals(new byte[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10}, client.received.toByteArray());
    assertEquals(List.of("next 4", "next 6", "complete"), client.events);
    assertTrue(pipe.sent().isDone());
    assertThrows(IOException.class, () -> pipe.write(new byte[] {1}), "finished");
  }

  @Test
  void aBlockedWriterResumesWhenTheClientTakesAChunk() throws Exception {
    BodyPipe pipe = new BodyPipe(4);
    Client client = new Client();
    pipe.subscribe(client);
    pipe.write(new byte[] {1, 2, 3, 4});
    Thread waiter =
        Thread.ofVirtual()
            .start(
                () -> {
                  try {
                    pipe.block();
                  } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                  }
                });
    assertFalse(waiter.join(java.time.Duration.ofMillis(100)), "no room: the writer waits");
    client.subscription.request(1);
    assertTrue(waiter.join(java.time.Duration.ofSeconds(5)), "room again: the writer goes on");
  }

  @Test
  void bytesWrittenBeforeTheClientSubscribesWaitForIt() throws Exception {
    BodyPipe pipe = new BodyPipe(100);
    pipe.write(new byte[] {7, 8});
    pipe.finish();
    assertEquals(2, pipe.finishedLength().orElseThrow());
    Client client = new Client();
    pipe.subscribe(client);
    client.subscription.request(Long.MAX_VALUE);
    client.subscription.request(Long.MAX_VALUE);
    assertEquals(List.of("next 2", "complete"), client.events);
    pipe.sent().get(1, TimeUnit.SECONDS);
  }

  @Test
  void anAbortedBodyFailsTheClientAndTheWriter() throws Exception {
    BodyPipe pipe = new BodyPipe(100);
    pipe.write(new byte[] {1});
    pipe.abort(new IOException("dropped without finish"));
    Client client = new Client();
    pipe.subscribe(client);
    assertEquals(List.of("error dropped without finish"), client.events);
    assertTrue(pipe.ready(), "a failed pipe never keeps the writer waiting");
    assertEquals(
        "dropped without finish", assertThrows(IOException.class, pipe::room).getMessage());
    assertTrue(pipe.sent().isCompletedExceptionally());
  }

  @Test
  void aStreamedBodyIsNotSentTwice() {
    BodyPipe pipe = new BodyPipe(100);
    pipe.subscribe(new Client());
    Client second = new Client();
    pipe.subscribe(second);
    assertEquals(List.of("error a streamed request body cannot be sent twice"), second.events);
  }

  @Test
  void theClientCancellingFailsLaterWrites() {
    BodyPipe pipe = new BodyPipe(100);
    Client client = new Client();
    pipe.subscribe(client);
    client.subscription.cancel();
    IOException e = assertThrows(IOException.class, () -> pipe.write(new byte[] {1}));
    assertTrue(e.getMessage().contains("stopped taking"), e.getMessage());
    assertInstanceOf(IOException.class, pipe.sent().exceptionNow());
  }
}
