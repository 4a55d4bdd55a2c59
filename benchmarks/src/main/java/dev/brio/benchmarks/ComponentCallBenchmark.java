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
import dev.brio.component.values.Value;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * A component call host → guest → host through Brio's canonical ABI — lower the argument through
 * the guest's realloc, call, lift the result, post-return — on Chicory's runtime compiler, beside
 * the floor: the same core calls written by hand against Chicory's API on the same core module.
 * Also jco/node's time for the same call (the reference host, through a node process), and a {@code
 * list<u8>} and a {@code list<u32>} of 1 MiB each lowered into the guest and lifted back. Fixtures
 * come from {@code -Dbrio.fixtures} (default: {@code bundles/component/target/fixtures}, run from
 * the repo).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(
    value = 1,
    jvmArgsAppend = {"--enable-native-access=ALL-UNNAMED", "--sun-misc-unsafe-memory-access=allow"})
public class ComponentCallBenchmark {
  static final String TEXT_64 = "the quick brown fox jumps over the lazy dog, then naps until noon";

  static Path fixtures() {
    return Path.of(System.getProperty("brio.fixtures", "bundles/component/target/fixtures"))
        .toAbsolutePath();
  }

  static byte[] fixture(String name) throws IOException {
    return Files.readAllBytes(fixtures().resolve(name + ".wasm"));
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
      byte[] bytes = new byte[1 << 20];
      for (int i = 0; i < bytes.length; i++) {
        bytes[i] = (byte) i;
      }
      args = List.of(ListValue.ofU8(bytes));
    }
  }

  /** The abi component, for echo-u32s: a {@code list<u32>} of 1 MiB (262,144 elements). */
  @State(Scope.Benchmark)
  public static class U32s {
    ComponentInstance instance;
    List<Value> args;

    @Setup
    public void load() throws Exception {
      instance = instantiate("abi");
      int[] values = new int[1 << 18];
      for (int i = 0; i < values.length; i++) {
        values[i] = i * 0x9e3779b9;
      }
      args = List.of(ListValue.ofU32(values));
    }
  }

  /**
   * jco/node, the reference host, calling the same upper component: a node process
   * (components/fixtures/call-loop.mjs) that makes {@link #CALLS} calls per request, so one
   * benchmark operation is that many calls and the pipe's round trip is a small share of it.
   */
  @State(Scope.Benchmark)
  public static class JcoNode {
    static final int CALLS = 2000;
    Process node;
    BufferedReader replies;
    Writer requests;
    String ready;

    @Setup
    public void start() throws IOException {
      // target/fixtures -> the repository's components/fixtures/call-loop.mjs
      Path script =
          Path.of(
              System.getProperty(
                  "brio.jco.script",
                  fixtures()
                      .getParent()
                      .getParent()
                      .getParent()
                      .getParent()
                      .resolve("components/fixtures/call-loop.mjs")
                      .toString()));
      Path out = Files.createTempDirectory("brio-jco-bench");
      node =
          new ProcessBuilder(
                  "node",
                  script.toString(),
                  fixtures().resolve("upper.wasm").toString(),
                  out.toString(),
                  "upper",
                  TEXT_64.substring(0, 64))
              .redirectError(ProcessBuilder.Redirect.INHERIT)
              .start();
      replies =
          new BufferedReader(new InputStreamReader(node.getInputStream(), StandardCharsets.UTF_8));
      requests = new OutputStreamWriter(node.getOutputStream(), StandardCharsets.UTF_8);
      ready = replies.readLine();
      if (ready == null || !ready.startsWith("ready ")) {
        throw new IOException("node call-loop.mjs did not start: " + ready);
      }
      ready = ready.substring("ready ".length());
    }

    /** Asks node for {@link #CALLS} calls and waits until they are made. */
    String batch() throws IOException {
      requests.write(CALLS + "\n");
      requests.flush();
      String reply = replies.readLine();
      if (!("done " + CALLS).equals(reply)) {
        throw new IOException("node call-loop.mjs replied " + reply);
      }
      return reply;
    }

    @TearDown
    public void stop() throws Exception {
      requests.close();
      if (!node.waitFor(10, TimeUnit.SECONDS)) {
        node.destroyForcibly();
      }
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

  /** The same call through jco's transpiled JS in node: µs per call, like the two above. */
  @Benchmark
  @OperationsPerInvocation(JcoNode.CALLS)
  public String upperThroughJcoNode(JcoNode node) throws IOException {
    return node.batch();
  }

  /** 1 MiB lowered into the guest and 1 MiB lifted back per operation. */
  @Benchmark
  public Optional<Value> echoBytes1MiB(Bytes bytes) {
    return bytes.instance.call("echo-bytes", bytes.args);
  }

  /** A {@code list<u32>} of 1 MiB lowered into the guest and lifted back per operation. */
  @Benchmark
  public Optional<Value> echoU32s1MiB(U32s u32s) {
    return u32s.instance.call("echo-u32s", u32s.args);
  }
}
