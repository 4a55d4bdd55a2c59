package dev.brio.wasi.http;

import dev.brio.wasi.io.Pollable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Flow;

/**
 * A request body on its way from the guest to java.net.http: a bounded queue of chunks the guest
 * writes into and the HTTP client takes from as it sends, so a body of any size streams through at
 * most {@link #capacity} bytes of memory. When the queue is full the guest's {@code check-write}
 * answers 0 and its pollable waits until the client took something.
 *
 * <p>It is the client's {@link Flow.Publisher}: chunks go out as the client asks for them, from
 * whichever thread makes them available (the guest's write, or the client's request), never
 * blocking either.
 */
final class BodyPipe implements Flow.Publisher<ByteBuffer>, Pollable {
  /** The most bytes queued between the guest and the HTTP client. */
  static final int CAPACITY = 256 * 1024;

  private final int capacity;
  private final ArrayDeque<ByteBuffer> chunks = new ArrayDeque<>();
  private final CompletableFuture<Void> sent = new CompletableFuture<>();
  private long buffered;
  private long written;
  private boolean finished;
  private IOException failure;
  private Flow.Subscriber<? super ByteBuffer> subscriber;
  private long demand;
  private boolean signalled;
  private boolean draining;

  BodyPipe(int capacity) {
    this.capacity = capacity;
  }

  // ---- the guest's side

  /** Bytes a write accepts now: room in the queue. */
  synchronized long room() throws IOException {
    if (failure != null) {
      throw failure;
    }
    return capacity - buffered;
  }

  /** Queues {@code bytes}, no more than {@link #room()}. */
  void write(byte[] bytes) throws IOException {
    synchronized (this) {
      if (failure != null) {
        throw failure;
      }
      if (finished) {
        throw new IOException("the body is finished");
      }
      if (bytes.length > capacity - buffered) {
        throw new IOException(
            "a write of "
                + bytes.length
                + " bytes is more than check-write allowed ("
                + (capacity - buffered)
                + ")");
      }
      if (bytes.length == 0) {
        return;
      }
      chunks.addLast(ByteBuffer.wrap(bytes.clone()));
      buffered += bytes.length;
      written += bytes.length;
    }
    drain();
  }

  /** Bytes the guest wrote so far. */
  synchronized long written() {
    return written;
  }

  /** No more bytes: the client gets the end of the body once it took what is queued. */
  void finish() {
    synchronized (this) {
      if (failure != null || finished) {
        return;
      }
      finished = true;
      notifyAll();
    }
    drain();
  }

  /** The body will not be complete: the client fails the exchange, the guest's writes fail. */
  void abort(IOException reason) {
    synchronized (this) {
      if (failure != null || signalled) {
        return;
      }
      failure = reason;
      chunks.clear();
      buffered = 0;
      notifyAll();
    }
    drain();
    sent.completeExceptionally(reason);
  }

  /** The body's length if it is finished already. */
  synchronized OptionalLong finishedLength() {
    return finished && failure == null ? OptionalLong.of(written) : OptionalLong.empty();
  }

  /** The exchange sends no body (it is empty): nothing will subscribe. */
  void sendsNothing() {
    sent.complete(null);
  }

  /** Completes once the client took the whole body (the end included). */
  CompletableFuture<Void> sent() {
    return sent;
  }

  @Override
  public synchronized boolean ready() {
    return buffered < capacity || failure != null;
  }

  @Override
  public synchronized void block() throws InterruptedException {
    while (buffered >= capacity && failure == null) {
      wait();
    }
  }

  // ---- the HTTP client's side

  @Override
  public void subscribe(Flow.Subscriber<? super ByteBuffer> s) {
    synchronized (this) {
      if (subscriber != null) {
        // java.net.http subscribes again only to resend; a streamed body cannot be replayed
        s.onSubscribe(new Subscription());
        s.onError(new IOException("a streamed request body cannot be sent twice"));
        return;
      }
      subscriber = s;
    }
    s.onSubscribe(new Subscription());
    drain();
  }

  private final class Subscription implements Flow.Subscription {
    @Override
    public void request(long n) {
      synchronized (BodyPipe.this) {
        if (n <= 0) {
          failure = new IOException("the HTTP client asked for " + n + " chunks");
        } else {
          demand = demand + n < 0 ? Long.MAX_VALUE : demand + n;
        }
      }
      drain();
    }

    @Override
    public void cancel() {
      synchronized (BodyPipe.this) {
        if (failure == null && !signalled) {
          failure = new IOException("the HTTP exchange stopped taking the request body");
          chunks.clear();
          buffered = 0;
        }
        signalled = true;
        BodyPipe.this.notifyAll();
      }
      sent.completeExceptionally(new IOException("request body cancelled"));
    }
  }

  /**
   * Hands the subscriber what it may have now. One thread at a time signals it, in order; a call
   * while another thread drains (or from inside {@code onNext}) leaves the work to that one, which
   * looks at the state again before it stops.
   */
  private void drain() {
    synchronized (this) {
      if (draining) {
        return;
      }
      draining = true;
    }
    while (true) {
      Flow.Subscriber<? super ByteBuffer> s;
      ByteBuffer next = null;
      IOException error = null;
      boolean complete = false;
      synchronized (this) {
        s = subscriber;
        if (s == null || signalled) {
          draining = false;
          return;
        }
        if (failure != null) {
          error = failure;
          signalled = true;
        } else if (demand > 0 && !chunks.isEmpty()) {
          next = chunks.pollFirst();
          buffered -= next.remaining();
          demand--;
          notifyAll();
        } else if (chunks.isEmpty() && finished) {
          complete = true;
          signalled = true;
        } else {
          draining = false;
          return;
        }
      }
      if (error != null) {
        s.onError(error);
      } else if (complete) {
        s.onComplete();
        sent.complete(null);
      } else {
        s.onNext(next);
      }
    }
  }
}
