package dev.brio.component.link;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.dylibso.chicory.compiler.InterpreterFallback;
import com.dylibso.chicory.compiler.internal.ByteClassCollector;
import com.dylibso.chicory.compiler.internal.Compiler;
import com.dylibso.chicory.compiler.internal.CompilerResult;
import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.wasm.Parser;
import com.dylibso.chicory.wasm.WasmModule;
import dev.brio.component.binary.Definition;
import dev.brio.component.binary.Fixtures;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** Generated classes defined when first used, from a cached entry's bytes. */
class LazyClassLoaderTest {
  /** The core module of the {@code upper} fixture, compiled one function per class. */
  private static CompilerResult compileUpper(WasmModule module) {
    return Compiler.builder(module)
        .withClassCollectorFactory(ByteClassCollector::new)
        .withInterpreterFallback(InterpreterFallback.SILENT)
        .withMaxFunctionsPerClass(1)
        .build()
        .compile();
  }

  private static WasmModule upperModule() throws Exception {
    var core = Fixtures.parse("upper").definitions(Definition.CoreModule.class).getFirst();
    return Parser.parse(core.bytes().toByteArray());
  }

  @Test
  void onlyTheClassesACallReachesAreDefined() throws Exception {
    WasmModule module = upperModule();
    CompilerResult result = compileUpper(module);
    Map<String, byte[]> classes = result.collector().classBytes();
    assertTrue(
        classes.size() > 3, "one class per function, and the machine's: " + classes.keySet());

    var loader = new LazyClassLoader(CompiledCode.slices(classes));
    Class<?> machine = loader.loadClass(result.collector().mainClassName().replace('/', '.'));
    assertSame(loader, machine.getClassLoader());
    assertEquals(classes.size() - 1, loader.undefined(), "the machine alone is defined");
    assertSame(machine, loader.loadClass(machine.getName()), "defined once");
  }

  @Test
  void aCachedMachineRunsItsFunctions() throws Exception {
    WasmModule module = upperModule();
    CompilerResult result = compileUpper(module);
    var code =
        CompiledCode.of(
            result.collector().mainClassName(),
            result.collector().classBytes(),
            result.interpretedFunctions());
    Instance instance =
        Instance.builder(module).withMachineFactory(code.machines(module)).withStart(false).build();
    // the guest's bump allocator starts at 1024: two 4-byte blocks, one after the other
    assertEquals(1024, instance.export("cabi_realloc").apply(0, 0, 1, 4)[0]);
    assertEquals(1028, instance.export("cabi_realloc").apply(0, 0, 1, 4)[0]);
  }

  @Test
  void preloadingDefinesEachClassOnceWhicheverThreadAsksFirst() throws Exception {
    CompilerResult result = compileUpper(upperModule());
    Map<String, byte[]> classes = result.collector().classBytes();
    var loader = new LazyClassLoader(CompiledCode.slices(classes));
    List<String> names =
        new ArrayList<>(classes.keySet().stream().map(n -> n.replace('/', '.')).toList());
    names.add("com.example.NotOneOfThem");
    // four threads preload the same list at once: each class is defined by exactly one of them
    try (ExecutorService threads = Executors.newFixedThreadPool(4)) {
      List<Future<Integer>> runs = new ArrayList<>();
      for (int i = 0; i < 4; i++) {
        runs.add(threads.submit(() -> loader.preload(names)));
      }
      for (Future<Integer> run : runs) {
        assertTrue(run.get() <= classes.size());
      }
    }
    assertEquals(0, loader.undefined(), "all defined");
    List<String> defined = loader.definedInOrder();
    assertEquals(classes.size(), defined.size(), "each once: " + defined);
    assertEquals(Set.copyOf(names.subList(0, classes.size())), Set.copyOf(defined));
    for (String name : defined) {
      assertSame(loader, Class.forName(name, false, loader).getClassLoader());
    }
    assertEquals(0, loader.preload(names), "nothing left to define");
  }

  @Test
  void aDamagedClassIsLeftToTheCallThatReachesIt() throws Exception {
    CompilerResult result = compileUpper(upperModule());
    String machine = result.collector().mainClassName();
    Map<String, byte[]> damaged = new java.util.HashMap<>(result.collector().classBytes());
    damaged.replaceAll(
        (name, bytes) -> name.equals(machine) ? bytes : new byte[] {(byte) 0xCA, (byte) 0xFE, 0});
    var loader = new LazyClassLoader(CompiledCode.slices(damaged));
    List<String> names = damaged.keySet().stream().map(n -> n.replace('/', '.')).toList();
    assertEquals(1, loader.preload(names), "the machine alone loads");
    assertEquals(List.of(machine.replace('/', '.')), loader.definedInOrder());
    // the call that reaches a damaged class later gets the JVM's own error, as the preload did
    String damagedClass =
        names.stream().filter(n -> !n.equals(machine.replace('/', '.'))).findFirst().orElseThrow();
    assertThrows(ClassFormatError.class, () -> Class.forName(damagedClass, false, loader));
  }

  @Test
  void aNameItWasNotGivenIsNotFound() {
    var loader = new LazyClassLoader(Map.of());
    assertThrows(ClassNotFoundException.class, () -> loader.loadClass("com.example.Absent"));
    assertEquals(0, loader.undefined());
  }

  @Test
  void aDamagedClassFailsTheCallThatReachesItAsATrap() throws Exception {
    WasmModule module = upperModule();
    CompilerResult result = compileUpper(module);
    String machine = result.collector().mainClassName();
    Map<String, byte[]> damaged = new java.util.HashMap<>(result.collector().classBytes());
    damaged.replaceAll(
        (name, bytes) -> name.equals(machine) ? bytes : new byte[] {(byte) 0xCA, (byte) 0xFE, 0});
    var code = CompiledCode.of(machine, damaged, result.interpretedFunctions());
    Instance instance =
        Instance.builder(module).withMachineFactory(code.machines(module)).withStart(false).build();
    var export = instance.export("cabi_realloc");
    var realloc =
        new CoreFunc(
            "cabi_realloc", instance.exportType("cabi_realloc"), args -> export.apply(args));
    var trap =
        assertThrows(
            dev.brio.component.abi.Trap.class,
            () -> Guest.call(realloc, new long[] {0, 0, 1, 4}, "cabi_realloc"));
    assertTrue(trap.getMessage().contains("compiled code cannot be loaded"), trap.getMessage());
  }
}
