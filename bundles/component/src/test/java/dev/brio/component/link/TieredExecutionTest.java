package dev.brio.component.link;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.dylibso.chicory.compiler.MachineFactoryCompiler;
import com.dylibso.chicory.runtime.InterpreterMachine;
import com.dylibso.chicory.wasm.ChicoryException;
import dev.brio.component.abi.Trap;
import dev.brio.component.binary.Component;
import dev.brio.component.binary.ComponentFormatException;
import dev.brio.component.binary.Definition;
import dev.brio.component.binary.Fixtures;
import dev.brio.component.values.F64Value;
import dev.brio.component.values.S64Value;
import dev.brio.component.values.StringValue;
import dev.brio.component.values.Value;
import java.lang.ref.Reference;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The three execution modes on host.wat, whose {@code twice} export calls the host's {@code add}:
 * the host function looks at its own stack to see which machine the guest is running on.
 */
class TieredExecutionTest {
  /** Whether each call of {@code add} came from the interpreter. */
  private final BlockingQueue<Boolean> interpreted = new LinkedBlockingQueue<>();

  private final BlockingQueue<CompileEvent> events = new LinkedBlockingQueue<>();

  private Linker linker(Engine engine) {
    return new Linker(engine)
        .define(
            HostImportTest.HOST,
            "add",
            HostImportTest.ADD,
            args -> {
              interpreted.add(calledFromTheInterpreter());
              return Optional.of(
                  new F64Value(
                      ((S64Value) args.get(0)).value() + ((F64Value) args.get(1)).value()));
            })
        // greet is not needed here
        .defineUnknownImportsAsTraps(host());
  }

  private static Component host() {
    try {
      return Fixtures.parse("host");
    } catch (ComponentFormatException e) {
      throw new AssertionError(e);
    }
  }

  private static boolean calledFromTheInterpreter() {
    return StackWalker.getInstance()
        .walk(
            frames ->
                frames.anyMatch(f -> f.getClassName().equals(InterpreterMachine.class.getName())));
  }

  private Value twice(ComponentInstance instance) throws Exception {
    return instance.call("twice", new S64Value(20), new F64Value(1.5)).orElseThrow();
  }

  @Test
  void theInterpreterRunsEverything() throws Exception {
    Engine engine =
        Engine.builder().execution(Execution.INTERPRETER).onCompile(events::add).build();
    ComponentInstance host = linker(engine).instantiate(host());
    assertEquals(new F64Value(43), twice(host));
    assertTrue(interpreted.take());
    assertTrue(events.isEmpty(), "nothing compiles: " + events);
  }

  @Test
  void compiledModeCompilesBeforeTheFirstInstance() throws Exception {
    Engine engine = Engine.builder().execution(Execution.COMPILED).onCompile(events::add).build();
    ComponentInstance host = linker(engine).instantiate(host());
    assertFalse(events.isEmpty(), "compiled during instantiation");
    assertEquals(new F64Value(43), twice(host));
    assertFalse(interpreted.take());
  }

  @Test
  void callsMoveFromTheInterpreterToCompiledCodeWhenItIsReady() throws Exception {
    // The compiler is Chicory's, held back until the first call has run: that call must run on
    // the interpreter, the calls after the compilation on the compiled code, all with one result.
    CountDownLatch firstCallDone = new CountDownLatch(1);
    Engine engine =
        Engine.builder()
            .execution(Execution.INTERPRETER_THEN_COMPILED)
            .machines(
                module -> {
                  try {
                    firstCallDone.await();
                  } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                  }
                  return MachineFactoryCompiler.compile(module);
                })
            .onCompile(events::add)
            .build();
    Component component = host();
    ComponentInstance host = linker(engine).instantiate(component);
    assertEquals(Execution.INTERPRETER_THEN_COMPILED, engine.execution());
    assertEquals(new F64Value(43), twice(host));
    assertTrue(interpreted.take(), "the first call runs on the interpreter");
    firstCallDone.countDown();
    awaitAllCompiled(
        (int)
            component.definitions().stream()
                .filter(d -> d instanceof Definition.CoreModule)
                .count());
    assertEquals(new F64Value(43), twice(host));
    assertFalse(interpreted.take(), "a call after the compilation runs compiled code");
    // the same bytes parsed again (as a reload does) start on the compiled code at once
    ComponentInstance again = linker(engine).instantiate(host());
    assertEquals(new F64Value(43), twice(again));
    assertFalse(interpreted.take());
    assertTrue(events.isEmpty(), "each module compiled once: " + events);
    Reference.reachabilityFence(component);
  }

  @Test
  void aCompileFailureIsReportedAndTheInterpreterKeepsRunning() throws Exception {
    for (Execution mode : List.of(Execution.COMPILED, Execution.INTERPRETER_THEN_COMPILED)) {
      Engine engine =
          Engine.builder()
              .execution(mode)
              .machines(
                  module -> {
                    throw new ChicoryException("this compiler cannot compile anything");
                  })
              .onCompile(events::add)
              .build();
      ComponentInstance host = linker(engine).instantiate(host());
      CompileEvent e = events.poll(60, TimeUnit.SECONDS);
      CompileEvent.Failed failed = assertInstanceOf(CompileEvent.Failed.class, e, mode.name());
      assertTrue(failed.cause().getMessage().contains("cannot compile anything"));
      assertEquals(new F64Value(43), twice(host));
      assertTrue(interpreted.take(), mode + ": the interpreter runs the module");
      events.clear();
    }
  }

  @Test
  void anUnknownImportTrapsNamingItself() throws Exception {
    Component component = host();
    ComponentInstance host =
        new Linker().defineUnknownImportsAsTraps(component).instantiate(component);
    Trap trap = assertThrows(Trap.class, () -> host.call("run", new StringValue("x")));
    assertTrue(trap.getMessage().contains("brio:test/host#greet"), trap.getMessage());
  }

  private void awaitAllCompiled(int modules) throws InterruptedException {
    for (int i = 0; i < modules; i++) {
      CompileEvent e = events.poll(60, TimeUnit.SECONDS);
      assertInstanceOf(CompileEvent.Compiled.class, e, "compile event " + i);
    }
  }
}
