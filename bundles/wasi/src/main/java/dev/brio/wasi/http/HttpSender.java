package dev.brio.wasi.http;

import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Sends granted {@link OutgoingRequest}s with java.net.http, each on its own virtual thread: it
 * waits for the guest to finish the body (if it asked for one), then sends. Redirects are never
 * followed (each hop would need its own grant) and no proxy is used.
 */
final class HttpSender {
  /**
   * Clients by connect timeout (none = the JDK's default), shared by every instance: a client owns
   * a selector thread and a connection pool, too much to have one per component instance.
   */
  private static final Map<Optional<Duration>, HttpClient> CLIENTS = new ConcurrentHashMap<>();

  /** The most distinct connect timeouts with their own client; further ones use the default. */
  private static final int MAX_CLIENTS = 16;

  /** Starts the exchange; the future completes with the response headers or the failure. */
  CompletableFuture<IncomingResponse> send(
      OutgoingRequest request, URI uri, Optional<RequestOptions> options) {
    CompletableFuture<IncomingResponse> result = new CompletableFuture<>();
    Thread.ofVirtual()
        .name("wasi-http " + request.methodName() + " " + uri)
        .start(
            () -> {
              try {
                IncomingResponse response = exchange(request, uri, options);
                if (!result.complete(response)) {
                  // the guest dropped the future meanwhile: nobody will read this body
                  response.dropped();
                }
              } catch (InterruptedException e) {
                result.cancel(true);
              } catch (Exception e) {
                result.completeExceptionally(e);
              }
            });
    return result;
  }

  private IncomingResponse exchange(
      OutgoingRequest request, URI uri, Optional<RequestOptions> options) throws Exception {
    byte[] body = request.body().isPresent() ? request.body().get().complete().get() : new byte[0];
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
        body.length == 0 && request.body().isEmpty()
            ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofByteArray(body));
    options.flatMap(o -> RequestOptions.duration(o.firstByteTimeout)).ifPresent(b::timeout);
    Optional<Duration> connect = options.flatMap(o -> RequestOptions.duration(o.connectTimeout));
    HttpResponse<InputStream> r =
        client(connect).send(b.build(), HttpResponse.BodyHandlers.ofInputStream());
    return new IncomingResponse(r.statusCode(), Fields.received(r.headers().map()), r.body());
  }

  private static HttpClient client(Optional<Duration> connectTimeout) {
    Optional<Duration> key =
        connectTimeout.isPresent()
                && CLIENTS.size() >= MAX_CLIENTS
                && !CLIENTS.containsKey(connectTimeout)
            ? Optional.empty()
            : connectTimeout;
    return CLIENTS.computeIfAbsent(
        key, k -> k.map(d -> builder().connectTimeout(d)).orElseGet(HttpSender::builder).build());
  }

  private static HttpClient.Builder builder() {
    return HttpClient.newBuilder()
        .followRedirects(HttpClient.Redirect.NEVER)
        .proxy(HttpClient.Builder.NO_PROXY)
        .version(HttpClient.Version.HTTP_1_1);
  }
}
