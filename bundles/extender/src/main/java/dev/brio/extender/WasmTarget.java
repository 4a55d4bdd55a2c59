package dev.brio.extender;

import dev.brio.api.mesh.CallInfo;
import dev.brio.api.mesh.MeshErrorKind;
import dev.brio.api.mesh.MeshException;
import dev.brio.api.mesh.MeshTarget;
import dev.brio.api.mesh.Payload;
import dev.brio.component.abi.Trap;
import dev.brio.component.link.CallInterruptedException;
import dev.brio.component.link.HostFunctionException;
import dev.brio.component.link.LinkException;
import dev.brio.component.values.ResultValue;
import dev.brio.component.values.StringValue;
import dev.brio.component.values.Value;
import java.util.List;
import java.util.Optional;

/**
 * One component instance as a mesh target: {@code handle} calls the instance's {@code
 * brio:core/handler#handle}. The mesh gives each such target its own mailbox and thread, so the
 * instance is never entered by two threads. Its {@link CallScope} is set up around each call (a
 * tool's workspace bound to the caller's session, say). An instance that trapped or was stopped
 * mid-call may have left its memory half-updated, so it is dropped and the next call gets a fresh
 * one; the host resources it held (open files, HTTP exchanges, body pumps) are released with it.
 * {@link #close} releases the current instance once the target left the mesh.
 */
final class WasmTarget implements MeshTarget, AutoCloseable {

  /** Makes a fresh instance of the component, linked like the first. */
  @FunctionalInterface
  interface Instances {
    LiveInstance create() throws LinkException;
  }

  private final String target;
  private final String handle;
  private final Instances instances;
  private final CallScope scope;
  private final Runnable retire;
  // guarded by this: the endpoint's thread uses it, the deployer closes it once the target is gone
  private LiveInstance instance;
  private boolean closed;

  /**
   * @param retire releases what the target holds beyond its instances (its workspace binding), run
   *     once by {@link #close}
   */
  WasmTarget(
      String target,
      String handle,
      Instances instances,
      LiveInstance first,
      CallScope scope,
      Runnable retire) {
    this.target = target;
    this.handle = handle;
    this.instances = instances;
    this.retire = retire;
    this.instance = first;
    this.scope = scope;
  }

  @Override
  public Payload handle(CallInfo call, Payload args) throws MeshException {
    LiveInstance current = instance();
    CallScope.Entered entered = scope.enter(call);
    try {
      return run(current, call, args);
    } finally {
      entered.close();
    }
  }

  private Payload run(LiveInstance current, CallInfo call, Payload args) throws MeshException {
    Optional<Value> answer;
    try {
      answer =
          current
              .instance()
              .call(handle, List.of(new StringValue(call.method()), PayloadValues.toValue(args)));
    } catch (Trap e) {
      drop(current);
      throw new MeshException(
          MeshErrorKind.TARGET_ERROR,
          "%s.%s trapped: %s".formatted(target, call.method(), e.getMessage()),
          e);
    } catch (CallInterruptedException e) {
      drop(current);
      throw new MeshException(
          MeshErrorKind.CANCELLED,
          "%s.%s was stopped before it answered".formatted(target, call.method()),
          e);
    } catch (HostFunctionException e) {
      drop(current);
      throw new MeshException(
          MeshErrorKind.TARGET_ERROR,
          "%s.%s: a host function failed: %s"
              .formatted(target, call.method(), String.valueOf(e.getCause())),
          e);
    }
    ResultValue result = (ResultValue) answer.orElseThrow();
    Value inner = result.payload().orElseThrow();
    if (result.isOk()) {
      return PayloadValues.toPayload(inner);
    }
    throw new MeshException(
        MeshErrorKind.TARGET_ERROR,
        "%s.%s: %s".formatted(target, call.method(), ((StringValue) inner).value()));
  }

  private LiveInstance instance() throws MeshException {
    synchronized (this) {
      if (closed) {
        throw gone();
      }
      if (instance != null) {
        return instance;
      }
    }
    // A fresh instance runs the component's start code: outside the lock, so undeploying (close)
    // does not wait for it.
    LiveInstance fresh;
    try {
      fresh = instances.create();
    } catch (LinkException | RuntimeException e) {
      throw new MeshException(
          MeshErrorKind.TARGET_ERROR,
          "%s cannot start a fresh instance: %s".formatted(target, e.getMessage()),
          e);
    }
    synchronized (this) {
      if (!closed && instance == null) {
        instance = fresh;
        return fresh;
      }
    }
    fresh.close(); // closed meanwhile (or, were calls ever concurrent here, another was made)
    synchronized (this) {
      if (closed || instance == null) {
        throw gone();
      }
      return instance;
    }
  }

  private MeshException gone() {
    return new MeshException(
        MeshErrorKind.TARGET_GONE, "%s is no longer deployed".formatted(target));
  }

  /** Discards {@code failed} (the next call makes a fresh instance) and releases what it held. */
  private void drop(LiveInstance failed) {
    synchronized (this) {
      if (instance == failed) {
        instance = null;
      }
    }
    failed.close();
  }

  /**
   * Releases the current instance's host resources and the target's workspace binding; later calls
   * fail with target gone. The mesh has stopped calling by then (its registration closed), so
   * nothing runs in the instance. Idempotent.
   */
  @Override
  public void close() {
    LiveInstance last;
    synchronized (this) {
      if (closed) {
        return;
      }
      closed = true;
      last = instance;
      instance = null;
    }
    if (last != null) {
      last.close();
    }
    retire.run();
  }
}
