package dev.brio.benchmarks;

import dev.brio.component.binary.Component;
import dev.brio.component.binary.ComponentParser;
import dev.brio.component.link.CompileEvent;
import dev.brio.component.link.Engine;
import dev.brio.component.link.Execution;
import dev.brio.component.link.Linker;
import dev.brio.component.values.StringValue;
import dev.brio.component.values.Value;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Load time of a component, from its bytes to the result of its first call {@code upper("hello")}:
 * parse, core modules parsed (and compiled), instantiated, called. Each operation uses a fresh
 * {@link Engine}, so nothing is reused in memory; what differs is where the code comes from:
 *
 * <ul>
 *   <li>{@code cold}: compiled by Chicory's runtime compiler before the first instance (an empty
 *       compiled-code cache);
 *   <li>{@code cached}: loaded from the compiled-code cache on disk (a restart);
 *   <li>{@code firstCallInterpreter}: no compilation, Chicory's interpreter;
 *   <li>{@code firstCallTiered}: the kernel's mode, interpreter at once while the compiler runs in
 *       the background (the background compile is waited for after the operation, untimed).
 * </ul>
 *
 * <p>Fixtures: {@code upper} (component WAT, 0.5 KB), {@code js/upper-qjs} (QuickJS, 1.6 MB; its
 * WASI imports are defined as traps: upper-casing never calls them), {@code js/upper-sm}
 * (StarlingMonkey, 12 MB, imports nothing). A single shot per operation: these take milliseconds to
 * a minute. jco/node's time for the same components comes from {@code
 * components/fixtures/load-time.mjs} (see docs/benchmarks.md).
 */
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 0)
@Measurement(iterations = 2)
@Fork(
    value = 1,
    jvmArgsAppend = {"--enable-native-access=ALL-UNNAMED", "--sun-misc-unsafe-memory-access=allow"})
@State(Scope.Benchmark)
public class ComponentLoadBenchmark {
  @Param({"upper", "js/upper-qjs", "js/upper-sm"})
  public String fixture;

  private byte[] bytes;
  private Path cache;
  private Path emptyCache;
  private Engine tiered;

  @Setup(Level.Trial)
  public void fillTheCache() throws Exception {
    bytes = ComponentCallBenchmark.fixture(fixture);
    cache = Files.createTempDirectory("brio-load-bench-cache");
    // one cold load fills the cache for `cached`, and warms up the JVM for every benchmark
    Optional<Value> r = load(engine(Execution.COMPILED, cache));
    if (!r.equals(Optional.of(new StringValue("HELLO")))) {
      throw new IllegalStateException(fixture + ": upper(\"hello\") returned " + r);
    }
  }

  @Setup(Level.Invocation)
  public void freshCacheDir() throws IOException {
    emptyCache = Files.createTempDirectory("brio-load-bench-empty");
  }

  @TearDown(Level.Invocation)
  public void drain() throws Exception {
    if (tiered != null && !tiered.awaitBackgroundCompiles(Duration.ofMinutes(10))) {
      throw new IllegalStateException("background compiles still running after 10 minutes");
    }
    tiered = null;
    delete(emptyCache);
  }

  @TearDown(Level.Trial)
  public void removeTheCache() throws IOException {
    delete(cache);
  }

  private static Engine engine(Execution mode, Path cacheDir) {
    return Engine.builder()
        .execution(mode)
        .compiledCache(cacheDir, 4L << 30)
        .onCompile(
            e -> {
              if (e instanceof CompileEvent.Failed f) {
                throw new IllegalStateException("compile failed: " + f, f.cause());
              }
            })
        .build();
  }

  private Optional<Value> load(Engine engine) throws Exception {
    Component c = ComponentParser.parse(bytes);
    return new Linker(engine)
        .defineUnknownImportsAsTraps(c)
        .instantiate(c)
        .call("upper", new StringValue("hello"));
  }

  @Benchmark
  public Optional<Value> cold() throws Exception {
    return load(engine(Execution.COMPILED, emptyCache));
  }

  @Benchmark
  public Optional<Value> cached() throws Exception {
    return load(engine(Execution.COMPILED, cache));
  }

  @Benchmark
  public Optional<Value> firstCallInterpreter() throws Exception {
    return load(Engine.builder().execution(Execution.INTERPRETER).build());
  }

  @Benchmark
  public Optional<Value> firstCallTiered() throws Exception {
    tiered = engine(Execution.INTERPRETER_THEN_COMPILED, emptyCache);
    return load(tiered);
  }

  private static void delete(Path dir) throws IOException {
    if (dir == null || !Files.exists(dir)) {
      return;
    }
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }
}
