package dev.brio.component.link;

import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.runtime.InterpreterMachine;
import com.dylibso.chicory.runtime.Machine;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * An instance's machine while its module compiles in the background: each call runs on the
 * interpreter until the compiled code is ready, and on the compiled machine (made once, for this
 * instance) from then on. Switching between calls is safe because everything a call leaves behind
 * (memories, globals, tables) lives in the {@link Instance}, not in the machine; a call that is
 * running when the code becomes ready finishes where it started (the interpreter runs calls within
 * the instance on its own stack, and calls back through this machine only across instances).
 */
final class TieredMachine implements Machine {
  private final Instance instance;
  private final Supplier<Function<Instance, Machine>> compiledCode;
  private final Machine interpreter;
  private volatile Machine compiled;

  /**
   * @param compiledCode the module's compiled machine factory once it is ready, null before
   */
  TieredMachine(Instance instance, Supplier<Function<Instance, Machine>> compiledCode) {
    this.instance = instance;
    this.compiledCode = compiledCode;
    this.interpreter = new InterpreterMachine(instance);
  }

  @Override
  public long[] call(int funcId, long[] args) {
    Machine m = compiled;
    if (m == null) {
      Function<Instance, Machine> ready = compiledCode.get();
      if (ready == null) {
        return interpreter.call(funcId, args);
      }
      m = switchToCompiled(ready);
    }
    return m.call(funcId, args);
  }

  /** Whether calls now run compiled code. */
  boolean isCompiled() {
    return compiled != null;
  }

  private synchronized Machine switchToCompiled(Function<Instance, Machine> ready) {
    if (compiled == null) {
      compiled = ready.apply(instance);
    }
    return compiled;
  }
}
