package dev.brio.component.link;

import dev.brio.component.resources.Handle;
import dev.brio.component.resources.ResourceStore;
import dev.brio.component.values.OwnValue;
import dev.brio.component.values.Value;
import dev.brio.component.values.WaveCall;
import dev.brio.component.values.WaveException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.Set;

/**
 * An instantiated component: its exports by name. A function inside an exported instance is named
 * {@code interface#function} (e.g. {@code brio:core/tool#invoke}). Handles the host receives
 * ({@code own}/{@code borrow} values) index this instance's host handle table. An instance runs one
 * call at a time: it is not thread-safe.
 */
public final class ComponentInstance {
  private final Map<String, Object> exports;
  private final ResourceStore store;

  ComponentInstance(Map<String, Object> exports, ResourceStore store) {
    this.exports = Map.copyOf(exports);
    this.store = store;
  }

  /** The names of the top-level exports. */
  public Set<String> exportNames() {
    return exports.keySet();
  }

  /** The exported function {@code name} or {@code interface#function}. */
  public Optional<ComponentFunction> function(String name) {
    int hash = name.lastIndexOf('#');
    Object o;
    if (hash < 0) {
      o = exports.get(name);
    } else {
      o =
          exports.get(name.substring(0, hash)) instanceof Map<?, ?> inst
              ? inst.get(name.substring(hash + 1))
              : null;
    }
    return o instanceof ComponentFunction f ? Optional.of(f) : Optional.empty();
  }

  /**
   * Calls an exported function.
   *
   * @throws NoSuchElementException if there is no such function
   * @throws dev.brio.component.abi.Trap if the call traps
   */
  public Optional<Value> call(String name, List<Value> args) {
    return function(name)
        .orElseThrow(() -> new NoSuchElementException("no exported function " + name))
        .call(args);
  }

  /** Calls an exported function with the given arguments. */
  public Optional<Value> call(String name, Value... args) {
    return call(name, List.of(args));
  }

  /**
   * Calls an exported function written as a WAVE call, e.g. {@code upper("hi")} or {@code
   * brio:core/tool#invoke("m", "{}")}.
   *
   * @throws WaveException if the text does not parse against the function's type
   */
  public Optional<Value> invoke(String waveCall) throws WaveException {
    WaveCall call =
        WaveCall.parse(waveCall, target -> function(target).map(ComponentFunction::type));
    return call(call.target(), call.args());
  }

  /**
   * Calls an exported function, interrupting it if it runs longer than {@code timeout}: the call
   * then ends with a {@link CallInterruptedException} and the instance stays usable. The calling
   * thread's interrupt status is left as it was.
   */
  public Optional<Value> call(String name, List<Value> args, Duration timeout) {
    return Deadline.run(timeout, () -> call(name, args));
  }

  /**
   * Drops an owned handle the host holds: calls the resource's destructor ({@code resource.drop}).
   */
  public void drop(OwnValue handle) {
    Handle h = store.hostTable().get(handle.handle());
    if (!h.isOwn()) {
      throw new IllegalArgumentException("handle " + handle.handle() + " is a borrow");
    }
    store.hostTable().remove(handle.handle());
    store.destroy(h, "host drop");
  }

  /** How many handles the host holds. */
  public int hostHandleCount() {
    return store.hostTable().size();
  }
}
