package dev.brio.component.link;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.brio.component.binary.ByteSlice;
import dev.brio.component.binary.Component;
import dev.brio.component.binary.Definition;
import dev.brio.component.binary.Fixtures;
import dev.brio.component.cache.DiskCache;
import dev.brio.component.values.StringValue;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The classes a cached module's first call needed, recorded beside its code and defined ahead of
 * use by the next load; a damaged or stale record only costs speed.
 */
class WarmSetTest {
  @TempDir Path cache;

  private Component upper;
  private ByteSlice core;
  private String key;

  @BeforeEach
  void fillTheCache() throws Exception {
    upper = Fixtures.parse("upper");
    core = upper.definitions(Definition.CoreModule.class).getFirst().bytes();
    key = ModuleCompiler.key(core);
    assertUpper(engine());
    // a cold load defines every class as it compiles: nothing to learn a warm set from
    assertEquals(Optional.empty(), stored());
  }

  private Engine engine() {
    return Engine.builder().execution(Execution.COMPILED).compiledCache(cache, 64 << 20).build();
  }

  private void assertUpper(Engine engine) throws Exception {
    ComponentInstance instance = new Linker(engine).instantiate(upper);
    assertEquals(
        Optional.of(new StringValue("HELLO")), instance.call("upper", new StringValue("hello")));
  }

  private DiskCache disk() {
    return DiskCache.open(cache, 64 << 20);
  }

  private Optional<List<String>> stored() {
    return new ModuleCompiler(disk(), null).warmSet(key);
  }

  /** The classes the first call of a cached load defined, in order. */
  private List<String> recordedByACachedLoad() throws Exception {
    Engine engine = engine();
    WarmSet warm = engine.module(core).warmSet();
    assertFalse(warm.preloads(), "nothing recorded yet");
    assertUpper(engine);
    List<String> recorded = stored().orElseThrow();
    assertEquals(warm.loader().definedInOrder(), recorded);
    return recorded;
  }

  @Test
  void theFirstCallOfACachedLoadRecordsTheClassesItDefined() throws Exception {
    List<String> recorded = recordedByACachedLoad();
    CompiledCode code = CompiledCode.deserialize(disk().get(key).orElseThrow());
    assertEquals(
        code.mainClass().replace('/', '.'), recorded.getFirst(), "the machine is defined first");
    assertTrue(recorded.size() > 1, "and the function group the call ran: " + recorded);
  }

  @Test
  void theNextLoadDefinesTheRecordedClassesBeforeTheFirstCall() throws Exception {
    List<String> recorded = recordedByACachedLoad();

    Engine engine = engine();
    WarmSet warm = engine.module(core).warmSet();
    assertTrue(warm.preloads());
    assertTrue(warm.awaitPreload(Duration.ofMinutes(1)));
    for (String name : recorded) {
      assertFalse(warm.loader().isPending(name), name + " defined ahead of the call");
    }
    assertUpper(engine);
    assertEquals(Optional.of(recorded), stored(), "a list that was used is kept as it is");
  }

  @Test
  void aDamagedWarmSetIsIgnoredAndRecordedAgain() throws Exception {
    List<String> recorded = recordedByACachedLoad();
    Path file = cache.resolve(WarmSet.key(key) + ".bin");
    byte[] whole = Files.readAllBytes(file);
    Files.write(file, Arrays.copyOf(whole, whole.length - 3));

    Engine engine = engine();
    assertFalse(engine.module(core).warmSet().preloads(), "a truncated file is not read");
    assertUpper(engine);
    assertEquals(Optional.of(recorded), stored(), "recorded again after the first call");
  }

  @Test
  void anIntactEntryThatIsNotAWarmSetIsDropped() throws Exception {
    assertTrue(disk().putIfAbsent(WarmSet.key(key), new byte[] {0, 3, 'a', 'b', 'c'}));

    Engine engine = engine();
    assertFalse(engine.module(core).warmSet().preloads());
    assertUpper(engine);
    assertTrue(stored().orElseThrow().size() > 1, "replaced by the classes the call defined");
  }

  @Test
  void aWarmSetOfOtherClassesIsIgnoredAndReplaced() throws Exception {
    List<String> recorded = recordedByACachedLoad();
    var compiler = new ModuleCompiler(disk(), null);
    compiler.forgetWarmSet(key);
    compiler.storeWarmSet(key, List.of(recorded.getFirst(), "com.example.NotInTheEntry"));

    Engine engine = engine();
    WarmSet warm = engine.module(core).warmSet();
    assertFalse(warm.preloads(), "a name the entry does not hold: not this entry's list");
    assertUpper(engine);
    assertEquals(Optional.of(recorded), stored());
  }

  @Test
  void aDroppedEntryTakesItsWarmSetAlong() throws Exception {
    recordedByACachedLoad();
    new ModuleCompiler(disk(), null).forget(key);
    assertEquals(Optional.empty(), stored());
    assertEquals(Optional.empty(), disk().get(key));
  }

  @Test
  void theFormatIsChecked() throws IOException {
    List<String> names = List.of("a.B", "c.D");
    assertEquals(names, WarmSet.deserialize(WarmSet.serialize(names)));
    byte[] bytes = WarmSet.serialize(names);
    assertThrows(IOException.class, () -> WarmSet.deserialize(Arrays.copyOf(bytes, 10)));
    assertThrows(
        IOException.class, () -> WarmSet.deserialize(Arrays.copyOf(bytes, bytes.length + 1)));
    byte[] code = CompiledCode.of("m", Map.of("m", new byte[] {1}), Set.of()).serialize();
    assertThrows(IOException.class, () -> WarmSet.deserialize(code), "a compiled-code entry");
  }
}
