package dev.brio.wasi.http;

import java.io.IOException;
import java.io.InputStream;
import java.lang.ref.WeakReference;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * Sends granted {@link OutgoingRequest}s with java.net.http. The exchange starts at once; a body
 * streams from its {@link BodyPipe} while the guest writes it. Redirects are never followed (each
 * hop would need its own grant) and no proxy is used.
 *
 * <p>Timeouts of {@code request-options}: connect is the client's; first-byte runs from the moment
 * the whole request went out (a guest slowly writing a body is not a server slow to answer) until
 * the response headers arrive, and ends the exchange with {@code HTTP-response-timeout};
 * between-bytes is enforced on the response body ({@link ResponseBodyStream}).
 */
final class HttpSender implements AutoCloseable {
  /**
   * Clients by connect timeout (none = the JDK's default), shared by every instance: a client owns
   * a selector thread and a connection pool, too much to have one per component instance. Held
   * weakly here and strongly by the senders that use them ({@link #inUse}): once no component
   * instance sends any more, the JDK stops the clients' threads, so none outlives the code that
   * made it (a bundle update, say).
   */
  private static final Map<Optional<Duration>, WeakReference<HttpClient>> CLIENTS =
      new ConcurrentHashMap<>();

  /** The clients this sender used: what keeps them alive while it may send. */
  private final Map<Optional<Duration>, HttpClient> inUse = new ConcurrentHashMap<>();

  /** The most distinct connect timeouts with their own client; further ones use the default. */
  private static final int MAX_CLIENTS = 16;

  /** The exchanges started and not yet answered: what {@link #close} abandons. */
  private final Set<CompletableFuture<IncomingResponse>> pending = ConcurrentHashMap.newKeySet();

  private volatile boolean closed;

  /**
   * Starts the exchange; the future completes with the response headers or the failure. Cancelling
   * it abandons the exchange (and fails the request body, if still being written).
   */
  CompletableFuture<IncomingResponse> send(
      OutgoingRequest request, URI uri, Optional<RequestOptions> options) {
    Optional<OutgoingBody> body = request.body();
    long betweenBytes = options.flatMap(o -> o.betweenBytesTimeout).filter(n -> n > 0).orElse(0L);
    Optional<Duration> connect = options.flatMap(o -> RequestOptions.duration(o.connectTimeout));
    CompletableFuture<IncomingResponse> result = new CompletableFuture<>();
    pending.add(result);
    // checked after the add: a close() running now either sees this exchange or is seen here
    if (closed) {
      pending.remove(result);
      IOException stopped = new IOException("the wasi:http host was closed");
      body.ifPresent(o -> o.abort(stopped));
      result.completeExceptionally(stopped);
      return result;
    }
    result.whenComplete((r, failure) -> pending.remove(result));
    CompletableFuture<HttpResponse<InputStream>> exchange;
    try {
      exchange =
          inUse
              .computeIfAbsent(connect, HttpSender::client)
              .sendAsync(request(request, uri, body), BodyHandlers.ofInputStream());
    } catch (IllegalArgumentException e) {
      // a header or method java.net.http refuses beyond what Fields already checked
      IOException refused = new IOException("java.net.http refused the request: " + e.getMessage());
      body.ifPresent(o -> o.abort(refused));
      result.completeExceptionally(refused);
      return result;
    }
    exchange.whenComplete(
        (r, failure) -> {
          if (failure != null) {
            Throwable cause =
                failure instanceof CompletionException && failure.getCause() != null
                    ? failure.getCause()
                    : failure;
            body.ifPresent(
                o ->
                    o.abort(
                        cause instanceof IOException io
                            ? io
                            : new IOException("the HTTP exchange failed: " + cause, cause)));
            result.completeExceptionally(cause);
            return;
          }
          IncomingResponse response =
              new IncomingResponse(
                  r.statusCode(), Fields.received(r.headers().map()), r.body(), betweenBytes);
          if (!result.complete(response)) {
            // the guest dropped the future, or the first-byte timeout fired: nobody reads this
            response.dropped();
          }
        });
    result.whenComplete(
        (r, failure) -> {
          if (failure == null) {
            return;
          }
          // dropped by the guest or timed out. While the body is still going out, failing it is
          // what ends the exchange and closes the connection (java.net.http's cancel leaves an
          // HTTP/1.1 connection open, measured on JDK 25); once the body is out, only cancel is
          // left
          IOException reason =
              failure instanceof CancellationException
                  ? new IOException("the request was abandoned")
                  : failure instanceof IOException io
                      ? io
                      : new IOException(failure.toString(), failure);
          if (body.isPresent() && !body.get().pipe().sent().isDone()) {
            body.get().abort(reason);
          } else {
            exchange.cancel(true);
          }
        });
    options
        .flatMap(o -> o.firstByteTimeout)
        .ifPresent(
            nanos -> {
              CompletableFuture<Void> sent =
                  body.map(o -> o.pipe().sent())
                      .orElseGet(() -> CompletableFuture.completedFuture(null));
              sent.thenRun(
                  () ->
                      CompletableFuture.delayedExecutor(nanos, TimeUnit.NANOSECONDS)
                          .execute(
                              () ->
                                  result.completeExceptionally(
                                      new HttpTimeoutException(
                                          "no response within the first-byte-timeout of "
                                              + TimeUnit.NANOSECONDS.toMillis(nanos)
                                              + " ms"))));
            });
    return result;
  }

  /**
   * Abandons every exchange still waiting for its response (its request body fails, its connection
   * is let go) and refuses new ones. A response already handed out is the guest's resource, closed
   * with the resource table.
   */
  @Override
  public void close() {
    closed = true;
    for (CompletableFuture<IncomingResponse> r : List.copyOf(pending)) {
      r.cancel(true);
    }
  }

  private static HttpRequest request(
      OutgoingRequest request, URI uri, Optional<OutgoingBody> body) {
    HttpRequest.Builder b = HttpRequest.newBuilder(uri);
    for (Map.Entry<String, byte[]> h : request.headers.entries()) {
      if (Fields.FRAMING.contains(h.getKey())) {
        // java.net.http frames the body itself (and refuses to be told how)
        continue;
      }
      b.header(h.getKey(), new String(h.getValue(), StandardCharsets.ISO_8859_1));
    }
    b.method(
        request.methodName(),
        body.map(HttpSender::publisher).orElseGet(HttpRequest.BodyPublishers::noBody));
    return b.build();
  }

  /**
   * The publisher of a request body: with a known length (declared by content-length, or the whole
   * body finished before the exchange started) the request carries it; otherwise it is sent
   * chunked.
   */
  private static HttpRequest.BodyPublisher publisher(OutgoingBody body) {
    BodyPipe pipe = body.pipe();
    OptionalLong known =
        body.declaredLength().isPresent() ? body.declaredLength() : pipe.finishedLength();
    if (known.isPresent() && known.getAsLong() == 0) {
      pipe.sendsNothing();
      return HttpRequest.BodyPublishers.noBody();
    }
    return known.isPresent()
        ? HttpRequest.BodyPublishers.fromPublisher(pipe, known.getAsLong())
        : HttpRequest.BodyPublishers.fromPublisher(pipe);
  }

  /** The shared client for {@code connectTimeout}, made when no live one is left. */
  static HttpClient client(Optional<Duration> connectTimeout) {
    CLIENTS.values().removeIf(ref -> ref.get() == null); // timeouts nobody sends with any more
    Optional<Duration> key =
        connectTimeout.isPresent()
                && CLIENTS.size() >= MAX_CLIENTS
                && !CLIENTS.containsKey(connectTimeout)
            ? Optional.empty()
            : connectTimeout;
    HttpClient[] made = new HttpClient[1];
    CLIENTS.compute(
        key,
        (k, ref) -> {
          HttpClient live = ref == null ? null : ref.get();
          if (live != null) {
            made[0] = live;
            return ref;
          }
          made[0] = k.map(d -> builder().connectTimeout(d)).orElseGet(HttpSender::builder).build();
          return new WeakReference<>(made[0]);
        });
    return made[0];
  }

  private static HttpClient.Builder builder() {
    return HttpClient.newBuilder()
        .followRedirects(HttpClient.Redirect.NEVER)
        .proxy(HttpClient.Builder.NO_PROXY)
        .version(HttpClient.Version.HTTP_1_1)
        .executor(Executors.newVirtualThreadPerTaskExecutor());
  }
}
