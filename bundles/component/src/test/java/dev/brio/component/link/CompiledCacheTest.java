package dev.brio.component.link;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.brio.component.binary.ByteSlice;
import dev.brio.component.binary.Component;
import dev.brio.component.binary.Fixtures;
import dev.brio.component.values.StringValue;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Compiled code on disk: a fresh engine (a restart) loads it instead of compiling. */
class CompiledCacheTest {
  @TempDir Path cache;

  private final BlockingQueue<CompileEvent> events = new LinkedBlockingQueue<>();

  private Engine engine(Execution mode) {
    return Engine.builder()
        .execution(mode)
        .compiledCache(cache, 64 << 20)
        .onCompile(events::add)
        .build();
  }

  private List<CompileEvent.Compiled> compiled(int count) throws InterruptedException {
    List<CompileEvent.Compiled> out = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      CompileEvent e = events.poll(120, TimeUnit.SECONDS);
      out.add(assertInstanceOf(CompileEvent.Compiled.class, e, "event " + i));
    }
    return out;
  }

  private static void assertUpper(ComponentInstance upper) throws Exception {
    assertEquals(
        Optional.of(new StringValue("HELLO")), upper.call("upper", new StringValue("hello")));
  }

  @Test
  void aSecondEngineLoadsCompiledCodeFromDisk() throws Exception {
    assertUpper(new Linker(engine(Execution.COMPILED)).instantiate(Fixtures.parse("upper")));
    assertFalse(compiled(1).getFirst().fromCache());
    assertEquals(1, entries().size());

    assertUpper(new Linker(engine(Execution.COMPILED)).instantiate(Fixtures.parse("upper")));
    assertTrue(compiled(1).getFirst().fromCache());

    // in the background mode too, with the code from disk ready on the first compile event
    Engine tiered = engine(Execution.INTERPRETER_THEN_COMPILED);
    ComponentInstance upper = new Linker(tiered).instantiate(Fixtures.parse("upper"));
    assertTrue(compiled(1).getFirst().fromCache());
    assertUpper(upper);
  }

  @Test
  void aCorruptEntryIsRecompiledNotLoaded() throws Exception {
    new Linker(engine(Execution.COMPILED)).instantiate(Fixtures.parse("upper"));
    compiled(1);
    for (Path entry : entries()) {
      byte[] b = Files.readAllBytes(entry);
      Files.write(entry, Arrays.copyOf(b, b.length / 2));
    }
    ComponentInstance upper =
        new Linker(engine(Execution.COMPILED)).instantiate(Fixtures.parse("upper"));
    assertFalse(compiled(1).getFirst().fromCache(), "truncated entry: compiled again");
    assertUpper(upper);
    assertUpper(new Linker(engine(Execution.COMPILED)).instantiate(Fixtures.parse("upper")));
    assertTrue(compiled(1).getFirst().fromCache(), "and stored whole again");
  }

  @Test
  void theKeyCoversTheBytesAndTheCompiler() {
    byte[] a = Fixtures.bytes("upper");
    byte[] b = a.clone();
    b[b.length - 1] ^= 1;
    String key = ModuleCompiler.key(new ByteSlice(a, 0, a.length));
    assertEquals(key, ModuleCompiler.key(new ByteSlice(a.clone(), 0, a.length)));
    assertNotEquals(key, ModuleCompiler.key(new ByteSlice(b, 0, b.length)));
    assertTrue(ModuleCompiler.FINGERPRINT.startsWith("chicory-"), ModuleCompiler.FINGERPRINT);
  }

  @Test
  void aQuickJsToolRunsAtOnceAndAgainOnItsCompiledCode() throws Exception {
    // QuickJS imports WASI it never calls to upper-case a string: those imports trap if called
    Component qjs = Fixtures.parse("js/upper-qjs");
    Engine engine = engine(Execution.INTERPRETER_THEN_COMPILED);
    ComponentInstance upper = new Linker(engine).defineUnknownImportsAsTraps(qjs).instantiate(qjs);
    assertUpper(upper);
    List<CompileEvent.Compiled> done = new ArrayList<>();
    // every core module of the component compiles in the background; wait for the largest
    while (done.stream().noneMatch(c -> c.moduleBytes() > 1_000_000)) {
      done.addAll(compiled(1));
    }
    assertUpper(upper);
    assertTrue(engine.awaitBackgroundCompiles(Duration.ofMinutes(2)));

    // a restart: every core module's code comes from disk, parsed without the compiled bodies
    events.clear();
    ComponentInstance restarted =
        new Linker(engine(Execution.INTERPRETER_THEN_COMPILED))
            .defineUnknownImportsAsTraps(qjs)
            .instantiate(qjs);
    assertUpper(restarted);
    assertFalse(events.isEmpty());
    for (CompileEvent e : events) {
      assertTrue(e instanceof CompileEvent.Compiled c && c.fromCache(), e.toString());
    }
  }

  private List<Path> entries() throws IOException {
    try (Stream<Path> files = Files.list(cache)) {
      return files.filter(f -> f.toString().endsWith(".bin")).toList();
    }
  }
}
