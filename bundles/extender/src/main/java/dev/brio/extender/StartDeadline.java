package dev.brio.extender;

import dev.brio.component.abi.Trap;
import dev.brio.component.link.LinkException;
import dev.brio.extender.DeployException.Reason;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Makes a component's first instance under a deadline. Instantiating runs the component's start
 * code (core start functions, a reactor's initialisation), which may loop; without a deadline it
 * would hold the folder's scan, and with it every later deploy, until the extender stops.
 */
final class StartDeadline {
  /** How long a stopped start is waited for before the deploy gives up on it anyway. */
  private static final Duration STOP_WAIT = Duration.ofSeconds(5);

  private StartDeadline() {}

  /**
   * Runs {@code instances.create()} on a thread of its own and waits at most {@code limit}; past it
   * the thread is interrupted (Chicory stops the guest there) and the deploy is refused.
   *
   * @throws DeployException LINK if the instance cannot be made or its start code runs past the
   *     limit, STOPPED if the waiting thread is interrupted (the extender is stopping)
   */
  static LiveInstance create(WasmTarget.Instances instances, Duration limit, String file)
      throws DeployException {
    var made = new CompletableFuture<LiveInstance>();
    Thread starter =
        Thread.ofVirtual()
            .name("brio-start " + file)
            .start(
                () -> {
                  try {
                    made.complete(instances.create());
                  } catch (Throwable e) {
                    made.completeExceptionally(e);
                  }
                });
    try {
      return made.get(limit.toNanos(), TimeUnit.NANOSECONDS);
    } catch (TimeoutException e) {
      stop(starter, made);
      throw new DeployException(
          Reason.LINK,
          "%s: its start code did not finish within %d ms (the component's timeoutMs)"
              .formatted(file, limit.toMillis()),
          e);
    } catch (InterruptedException e) {
      stop(starter, made);
      Thread.currentThread().interrupt();
      throw new DeployException(Reason.STOPPED, file + " not deployed: the extender is stopping");
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof LinkException || cause instanceof Trap) {
        throw new DeployException(
            Reason.LINK, file + " cannot be instantiated: " + cause.getMessage(), cause);
      }
      if (cause instanceof RuntimeException unchecked) {
        throw unchecked;
      }
      if (cause instanceof Error error) {
        throw error;
      }
      throw new IllegalStateException(cause);
    }
  }

  /** Interrupts the start and, once it has ended, releases an instance it made after all. */
  private static void stop(Thread starter, CompletableFuture<LiveInstance> made) {
    starter.interrupt();
    try {
      starter.join(STOP_WAIT);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    made.thenAccept(LiveInstance::close);
  }
}
