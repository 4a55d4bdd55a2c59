package dev.brio.wasi.http;

import dev.brio.wasi.io.Pollable;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/**
 * The host side of {@code future-incoming-response}: the response (or the failure) of a request
 * sent on a virtual thread. It is its own pollable, ready once the response headers arrived or the
 * request failed.
 */
final class FutureResponse implements Pollable, Dropped {
  private final CompletableFuture<IncomingResponse> response;
  private boolean taken;

  FutureResponse(CompletableFuture<IncomingResponse> response) {
    this.response = response;
  }

  @Override
  public boolean ready() {
    return response.isDone();
  }

  @Override
  public void block() throws InterruptedException {
    try {
      response.get();
    } catch (ExecutionException e) {
      // ready: get() answers the failure
    } catch (CancellationException e) {
      // ready as well
    }
  }

  /** The outcome, once: the caller maps a failure to an error-code. */
  sealed interface Outcome {
    record Pending() implements Outcome {}

    record AlreadyTaken() implements Outcome {}

    record Response(IncomingResponse response) implements Outcome {}

    record Failed(Throwable cause) implements Outcome {}
  }

  synchronized Outcome take() {
    if (!response.isDone()) {
      return new Outcome.Pending();
    }
    if (taken) {
      return new Outcome.AlreadyTaken();
    }
    taken = true;
    try {
      return new Outcome.Response(response.join());
    } catch (CompletionException e) {
      return new Outcome.Failed(e.getCause() != null ? e.getCause() : e);
    } catch (CancellationException e) {
      return new Outcome.Failed(e);
    }
  }

  @Override
  public synchronized void dropped() {
    if (!taken) {
      // the guest no longer wants it: abandon the exchange, or release a response already here
      response.thenAccept(IncomingResponse::dropped);
      response.cancel(true);
    }
  }
}
