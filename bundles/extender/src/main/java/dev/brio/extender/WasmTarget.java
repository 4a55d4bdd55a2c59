package dev.brio.extender;

import dev.brio.api.mesh.CallInfo;
import dev.brio.api.mesh.MeshErrorKind;
import dev.brio.api.mesh.MeshException;
import dev.brio.api.mesh.MeshTarget;
import dev.brio.api.mesh.Payload;
import dev.brio.component.abi.Trap;
import dev.brio.component.link.CallInterruptedException;
import dev.brio.component.link.ComponentInstance;
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
 * one.
 */
final class WasmTarget implements MeshTarget {

  /** Makes a fresh instance of the component, linked like the first. */
  @FunctionalInterface
  interface Instances {
    ComponentInstance create() throws LinkException;
  }

  private final String target;
  private final String handle;
  private final Instances instances;
  private final CallScope scope;
  // touched only by the endpoint's thread (and before it starts, by the deployer)
  private ComponentInstance instance;

  WasmTarget(
      String target, String handle, Instances instances, ComponentInstance first, CallScope scope) {
    this.target = target;
    this.handle = handle;
    this.instances = instances;
    this.instance = first;
    this.scope = scope;
  }

  @Override
  public Payload handle(CallInfo call, Payload args) throws MeshException {
    ComponentInstance current = instance();
    CallScope.Entered entered = scope.enter(call);
    try {
      return run(current, call, args);
    } finally {
      entered.close();
    }
  }

  private Payload run(ComponentInstance current, CallInfo call, Payload args) throws MeshException {
    Optional<Value> answer;
    try {
      answer =
          current.call(
              handle, List.of(new StringValue(call.method()), PayloadValues.toValue(args)));
    } catch (Trap e) {
      instance = null;
      throw new MeshException(
          MeshErrorKind.TARGET_ERROR,
          "%s.%s trapped: %s".formatted(target, call.method(), e.getMessage()),
          e);
    } catch (CallInterruptedException e) {
      instance = null;
      throw new MeshException(
          MeshErrorKind.CANCELLED,
          "%s.%s was stopped before it answered".formatted(target, call.method()),
          e);
    } catch (HostFunctionException e) {
      instance = null;
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

  private ComponentInstance instance() throws MeshException {
    if (instance == null) {
      try {
        instance = instances.create();
      } catch (LinkException | RuntimeException e) {
        throw new MeshException(
            MeshErrorKind.TARGET_ERROR,
            "%s cannot start a fresh instance: %s".formatted(target, e.getMessage()),
            e);
      }
    }
    return instance;
  }
}
