package dev.brio.mesh;

import dev.brio.api.mesh.CallInfo;
import dev.brio.api.mesh.Caller;
import dev.brio.api.mesh.Mesh;
import dev.brio.api.mesh.MeshErrorKind;
import dev.brio.api.mesh.MeshException;
import dev.brio.api.mesh.MeshRegistry;
import dev.brio.api.mesh.MeshTarget;
import dev.brio.api.mesh.Payload;
import dev.brio.api.mesh.TargetSpec;
import dev.brio.api.mesh.TargetStats;
import dev.brio.api.state.EventLog;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * The mesh itself, plain Java: targets by name, and calls routed to their instances' mailboxes with
 * grants checked first, a deadline on every call, and a trace of each in the event log.
 */
public final class Switchboard implements Mesh, MeshRegistry, AutoCloseable {
  private final MeshSettings settings;
  private final ConcurrentHashMap<String, Target> targets = new ConcurrentHashMap<>();
  private final AtomicLong ids = new AtomicLong();
  private final CallTracer tracer;
  private final Watchdog watchdog = new Watchdog();
  private final List<Consumer<String>> nameFreedListeners = new CopyOnWriteArrayList<>();
  private volatile boolean closed;
  // One fixed mapping from System.nanoTime() to wall-clock time, so that deadlines, kept as
  // nanoTime values, read the same as Instants for a parent and its children.
  private final Instant clockBase = Instant.now();
  private final long nanoBase = System.nanoTime();

  Switchboard(MeshSettings settings) {
    this.settings = settings;
    this.tracer = new CallTracer(settings.traceSampleRate());
  }

  public Switchboard() {
    this(MeshSettings.DEFAULTS);
  }

  /** Where call traces go; null stops tracing. */
  public void traceTo(EventLog log) {
    tracer.writeTo(log);
  }

  /** Stops tracing to {@code log} if it is the current target (a replacement stays in place). */
  public void stopTracingTo(EventLog log) {
    tracer.stopWritingTo(log);
  }

  MeshSettings settings() {
    return settings;
  }

  @Override
  public Payload call(Caller caller, String targetName, String method, Payload args)
      throws MeshException {
    long began = System.nanoTime();
    ActiveCall parent = ActiveCall.current();
    long id = ids.incrementAndGet();
    long parentId = parent == null ? 0 : parent.info().id();
    Target target = null;
    String outcome = CallRecord.OK;
    try {
      if (!caller.mayCall(targetName)) {
        throw new MeshException(
            MeshErrorKind.DENIED,
            "%s may not call %s (its grants: %s)"
                .formatted(caller.name(), targetName, caller.grants().stream().sorted().toList()));
      }
      target = targets.get(targetName);
      if (target == null) {
        throw new MeshException(
            MeshErrorKind.UNKNOWN_TARGET,
            "no target named %s (registered: %s)".formatted(targetName, targets()));
      }
      long budget = Math.min(caller.timeout().toNanos(), target.spec.maxTimeout().toNanos());
      long deadline = began + budget;
      if (parent != null && parent.deadlineNanos() - deadline < 0) {
        deadline = parent.deadlineNanos();
      }
      if (deadline - began <= 0) {
        throw new MeshException(
            MeshErrorKind.DEADLINE,
            "the calling call's deadline passed before %s.%s".formatted(targetName, method));
      }
      var info =
          new CallInfo(
              id,
              parentId,
              caller.name(),
              targetName,
              method,
              clockBase.plusNanos(deadline - nanoBase),
              sessionOf(caller, parent));
      var call = new PendingCall(info, args, deadline, parent == null ? List.of() : parent.chain());
      Endpoint idle = target.claimIdle(call);
      if (idle != null) {
        return idle.runClaimed(call, watchdog);
      }
      Endpoint endpoint = target.enqueue(call);
      return await(call, endpoint, deadline);
    } catch (MeshException e) {
      outcome = e.kind().label();
      throw e;
    } finally {
      long nanos = System.nanoTime() - began;
      if (target != null) {
        target.stats.record(nanos, !outcome.equals(CallRecord.OK));
      }
      tracer.record(
          new CallRecord(id, parentId, caller.name(), targetName, method, outcome, nanos / 1_000));
    }
  }

  /**
   * The workspace session a call runs in: the caller's own, else the one of the call it is made
   * from, so that a tool an agent calls, and every tool that tool calls, works in the agent's
   * session.
   */
  private static Optional<String> sessionOf(Caller caller, ActiveCall parent) {
    if (caller.session().isPresent() || parent == null) {
      return caller.session();
    }
    return parent.info().session();
  }

  private static Payload await(PendingCall call, Endpoint endpoint, long deadline)
      throws MeshException {
    try {
      return call.answer.get(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
    } catch (TimeoutException e) {
      endpoint.cancel(call);
      throw new MeshException(
          MeshErrorKind.DEADLINE,
          "%s.%s did not answer by its deadline %s"
              .formatted(call.info.target(), call.info.method(), call.info.deadline()));
    } catch (InterruptedException e) {
      endpoint.cancel(call);
      Thread.currentThread().interrupt();
      throw new MeshException(
          MeshErrorKind.CANCELLED,
          "%s gave up on %s.%s"
              .formatted(call.info.caller(), call.info.target(), call.info.method()));
    } catch (ExecutionException e) {
      if (e.getCause() instanceof MeshException failure) {
        throw failure;
      }
      throw new MeshException(
          MeshErrorKind.TARGET_ERROR, String.valueOf(e.getCause()), e.getCause());
    }
  }

  @Override
  public List<String> targets() {
    return targets.keySet().stream().sorted().toList();
  }

  @Override
  public List<TargetStats> stats() {
    return targets.values().stream()
        .map(t -> t.stats.snapshot(t.spec.name(), t.endpoints.size()))
        .sorted(Comparator.comparing(TargetStats::target))
        .toList();
  }

  @Override
  public Registration register(TargetSpec spec, List<MeshTarget> instances) {
    if (closed) {
      throw new IllegalStateException("the mesh is closed; cannot register " + spec.name());
    }
    var target = new Target(spec, instances);
    if (targets.putIfAbsent(spec.name(), target) != null) {
      closeQuietly(target);
      throw new NameTakenException(spec.name());
    }
    return new TargetRegistration(target);
  }

  /** One target's place in {@link #targets}. */
  private final class TargetRegistration implements Registration {
    private final Target target;

    TargetRegistration(Target target) {
      this.target = target;
    }

    @Override
    public void close() {
      String name = target.spec.name();
      if (targets.remove(name, target)) {
        closeQuietly(target);
        if (!closed) {
          nameFreedListeners.forEach(listener -> listener.accept(name));
        }
      }
    }

    @Override
    public Registration replace(TargetSpec spec, List<MeshTarget> instances) {
      if (!spec.name().equals(target.spec.name())) {
        Registration next = register(spec, instances);
        close();
        return next;
      }
      if (closed) {
        throw new IllegalStateException("the mesh is closed; cannot register " + spec.name());
      }
      var next = new Target(spec, instances);
      if (!targets.replace(spec.name(), target, next)
          && targets.putIfAbsent(spec.name(), next) != null) {
        // this target had left and someone else took the name meanwhile
        closeQuietly(next);
        throw new NameTakenException(spec.name());
      }
      closeQuietly(target); // no longer reachable by name: its calls finish or end in the grace
      return new TargetRegistration(next);
    }
  }

  /**
   * Calls {@code listener} with a target's name each time a target leaves the mesh (after its
   * in-flight calls ended), so someone who was refused the name can try again.
   */
  void whenNameFreed(Consumer<String> listener) {
    nameFreedListeners.add(listener);
  }

  /** {@link #register} found the name in use. */
  static final class NameTakenException extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    NameTakenException(String name) {
      super("a target named " + name + " is already registered");
    }
  }

  private void closeQuietly(Target target) {
    try {
      target.close(settings.removalGrace().toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Removes every target (their waiting calls fail with TARGET_GONE) and stops tracing. */
  @Override
  public void close() {
    closed = true;
    for (String name : targets()) {
      Target target = targets.remove(name);
      if (target != null) {
        closeQuietly(target);
      }
    }
    tracer.close();
    watchdog.close();
  }
}
