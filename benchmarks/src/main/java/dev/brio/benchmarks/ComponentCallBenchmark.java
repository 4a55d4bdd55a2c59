package dev.brio.benchmarks;

import com.dylibso.chicory.compiler.MachineFactoryCompiler;
import com.dylibso.chicory.runtime.ExportFunction;
import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.runtime.Memory;
import com.dylibso.chicory.wasm.Parser;
import dev.brio.component.binary.ComponentFormatException;
import dev.brio.component.binary.ComponentParser;
import dev.brio.component.binary.Definition;
import dev.brio.component.link.ComponentInstance;
import dev.brio.component.link.Engine;
import dev.brio.component.link.LinkException;
import dev.brio.component.link.Linker;
import dev.brio.component.values.ListValue;
import dev.brio.component.values.StringValue;
import dev.brio.component.values.U8Value;
import dev.brio.component.values.Value;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * A component call host → guest → host through Brio's canonical ABI — lower the argument through
 * the guest's realloc, call, lift the result, post-return — on Chicory's runtime compiler, beside
 * the floor: the same core calls written by hand against Chicory's API on the same core module.
 * Also a {@code list<u8>} of 1 MiB lowered into the guest and lifted back. Fixtures come from
 * {@code -Dbrio.fixtures} (default: {@code bundles/component/target/fixtures}, run from the repo).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(
    value = 1,
    jvmArgsAppend = {"--enable-native-access=ALL-UNNAMED", "--sun-misc-unsafe-memory-access=allow"})
public class ComponentCallBenchmark {
  static final String TEXT_64 = "the quick brown fox jumps over the lazy dog, then naps until noon";

  static byte[] fixture(String name) throws IOException {
    Path dir = Path.of(System.getProperty("brio.fixtures", "bundles/component/target/fixtures"));
    return Files.readAllBytes(dir.resolve(name + ".wasm"));
  }

  static ComponentInstance instantiate(String name)
      throws IOException, ComponentFormatException, LinkException {
    var engine = Engine.builder().machines(MachineFactoryCompiler::compile).build();
    return new Linker(engine).instantiate(ComponentParser.parse(fixture(name)));
  }

  /** The upper component, instantiated by Brio on the runtime compiler. */
  @State(Scope.Benchmark)
  public static class Upper {
    ComponentInstance instance;
    final List<Value> args = List.of(new StringValue(TEXT_64.substring(0, 64)));

    @Setup
    public void load() throws Exception {
      instance = instantiate("upper");
    }
  }

  /** The upper component's core module, instantiated directly on Chicory's runtime compiler. */
  @State(Scope.Benchmark)
  public static class Floor {
    ExportFunction realloc;
    ExportFunction upper;
    ExportFunction postReturn;
    Memory memory;
    final byte[] text = TEXT_64.substring(0, 64).getBytes(StandardCharsets.UTF_8);

    @Setup
    public void load() throws Exception {
      byte[] core =
          ComponentParser.parse(fixture("upper"))
              .definitions(Definition.CoreModule.class)
              .getFirst()
              .bytes()
              .toByteArray();
      var module = Parser.parse(core);
      Instance instance =
          Instance.builder(module)
              .withMachineFactory(MachineFactoryCompiler.compile(module))
              .build();
      realloc = instance.export("cabi_realloc");
      upper = instance.export("upper");
      postReturn = instance.export("cabi_post_upper");
      memory = instance.memory();
    }
  }

  /** The abi component, for echo-bytes. */
  @State(Scope.Benchmark)
  public static class Bytes {
    ComponentInstance instance;
    List<Value> args;

    @Setup
    public void load() throws Exception {
      instance = instantiate("abi");
      List<Value> bytes = new ArrayList<>(1 << 20);
      for (int i = 0; i < 1 << 20; i++) {
        bytes.add(new U8Value(i & 0xff));
      }
      args = List.of(new ListValue(bytes));
    }
  }

  @Benchmark
  public Optional<Value> upperThroughBrio(Upper upper) {
    return upper.instance.call("upper", upper.args);
  }

  /** What Brio's lift/lower/post-return do for upper, by hand: the floor for the ABI's cost. */
  @Benchmark
  public String upperByHandOnChicory(Floor floor) {
    int ptr = (int) floor.realloc.apply(0, 0, 1, floor.text.length)[0];
    floor.memory.write(ptr, floor.text);
    int ret = (int) floor.upper.apply(ptr, floor.text.length)[0];
    int resultPtr = floor.memory.readInt(ret);
    int resultLen = floor.memory.readInt(ret + 4);
    String result =
        new String(floor.memory.readBytes(resultPtr, resultLen), StandardCharsets.UTF_8);
    floor.postReturn.apply(ret);
    return result;
  }

  /** 1 MiB lowered into the guest and 1 MiB lifted back per operation. */
  @Benchmark
  public Optional<Value> echoBytes1MiB(Bytes bytes) {
    return bytes.instance.call("echo-bytes", bytes.args);
  }
}
