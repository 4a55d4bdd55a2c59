package dev.brio.component.link;

import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.runtime.Machine;
import com.dylibso.chicory.wasm.Parser;
import com.dylibso.chicory.wasm.WasmModule;
import dev.brio.component.binary.ByteSlice;
import dev.brio.component.cache.DiskCache;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.WeakHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * How core modules run ({@link Execution}: interpreter, compiled, or interpreter while compiling in
 * the background), where compiled code is cached, and the memory limit of each core instance.
 *
 * <p>Nothing is done twice. A core module is parsed and compiled once per engine, however many
 * components or instances contain it: parsed modules are kept by content for as long as a parsed
 * component refers to those bytes. With a {@linkplain Builder#compiledCache compiled-code cache},
 * compiled code is stored on disk by a hash of the module and the compiler, so another engine (a
 * restart) loads it instead of compiling, and runs it from the first call; a module found there was
 * validated when it was first compiled, so it is parsed without validating it again and without the
 * function bodies only the compiler read.
 */
public final class Engine {
  /**
   * A parsed core module, the machine factory its instances run on (null: interpreter), and, for
   * code loaded from the cache, its {@link WarmSet} (else null).
   */
  record CoreModule(WasmModule module, Function<Instance, Machine> machines, WarmSet warmSet) {
    CoreModule(WasmModule module, Function<Instance, Machine> machines) {
      this(module, machines, null);
    }
  }

  private static final System.Logger LOG = System.getLogger(Engine.class.getName());

  private final Execution execution;
  private final ModuleCompiler compiler;
  private final Consumer<CompileEvent> listener;
  private final Semaphore compileSlots;
  private final OptionalInt maxMemoryPages;
  private final Map<ByteSlice, Slot> modules = new WeakHashMap<>();
  private int pendingCompiles; // guarded by this

  private Engine(Builder b) {
    this.execution = b.execution;
    DiskCache disk =
        b.cacheDir == null ? null : DiskCache.open(b.cacheDir.toAbsolutePath(), b.cacheBytes);
    this.compiler = new ModuleCompiler(disk, b.machines);
    this.listener = b.listener == null ? Engine::log : b.listener;
    this.compileSlots = new Semaphore(b.compileThreads);
    this.maxMemoryPages = b.maxMemoryPages;
  }

  public static Builder builder() {
    return new Builder();
  }

  public Execution execution() {
    return execution;
  }

  OptionalInt maxMemoryPages() {
    return maxMemoryPages;
  }

  /**
   * One core module's parse and compilation. It holds no reference to the module's bytes, so the
   * weak map drops it when the last component holding those bytes is gone.
   */
  private static final class Slot {
    private CoreModule loaded;

    synchronized CoreModule get(Supplier<CoreModule> load) {
      if (loaded == null) {
        loaded = load.get();
      }
      return loaded;
    }
  }

  /** The parsed (and, as configured, compiled or compiling) module with these bytes. */
  CoreModule module(ByteSlice bytes) {
    Slot slot;
    synchronized (modules) {
      slot = modules.computeIfAbsent(bytes, b -> new Slot());
    }
    // parsing (and compiling) holds only this module's slot, not the engine
    return slot.get(() -> load(bytes));
  }

  private CoreModule load(ByteSlice bytes) {
    if (execution == Execution.INTERPRETER) {
      return new CoreModule(parse(bytes, true), null);
    }
    String key = ModuleCompiler.key(bytes);
    Optional<CompiledCode> cached = compiler.cached(key);
    if (cached.isPresent()) {
      CoreModule fromCache = fromCache(bytes, key, cached.get());
      if (fromCache != null) {
        return fromCache;
      }
    }
    WasmModule module = parse(bytes, true);
    int size = bytes.length();
    if (execution == Execution.COMPILED) {
      var compiled = new BackgroundCompile();
      compile(module, key, size, ready -> compiled.ready = ready);
      return new CoreModule(module, compiled.ready);
    }
    var background = new BackgroundCompile();
    synchronized (this) {
      pendingCompiles++;
    }
    Thread.ofPlatform()
        .daemon()
        .name("brio-compile-" + key.substring(0, 12))
        .start(
            () -> {
              compileSlots.acquireUninterruptibly();
              try {
                compile(module, key, size, ready -> background.ready = ready);
              } finally {
                compileSlots.release();
                compileDone();
              }
            });
    return new CoreModule(module, instance -> new TieredMachine(instance, background::ready));
  }

  /**
   * A module whose code is in the cache, in every mode: loading the code is quick, so its instances
   * run compiled from the start. The module was validated when it was compiled (the key covers its
   * bytes), so it is parsed without validation, and without the function bodies compiled code never
   * reads; of its generated classes only the machine is defined here, the others when calls first
   * reach them, or, those the first call needed last time (its {@link WarmSet}), on a second thread
   * from now on, while this one parses. Null if the machine does not load (the entry is dropped;
   * the caller compiles).
   */
  private CoreModule fromCache(ByteSlice bytes, String key, CompiledCode code) {
    long start = System.nanoTime();
    try {
      LazyClassLoader loader = code.loader();
      WarmSet warmSet = WarmSet.start(compiler, key, loader);
      WasmModule module = CachedModuleParse.parse(bytes, code.interpreted());
      if (module == null) {
        module = parse(bytes, false);
      }
      Function<Instance, Machine> machines = code.machines(module, loader);
      report(
          new CompileEvent.Compiled(
              key, bytes.length(), Duration.ofNanos(System.nanoTime() - start), true));
      return new CoreModule(module, machines, warmSet);
    } catch (RuntimeException | LinkageError e) {
      LOG.log(
          System.Logger.Level.WARNING,
          "cached code of core module " + key.substring(0, 12) + " does not load; compiling it",
          e);
      compiler.forget(key);
      return null;
    }
  }

  private synchronized void compileDone() {
    pendingCompiles--;
    notifyAll();
  }

  /**
   * Waits until no background compilation is running or queued (each has been reported to the
   * {@linkplain Builder#onCompile listener}), at most {@code timeout}.
   *
   * @return whether they all finished in time
   * @throws InterruptedException if the waiting thread is interrupted
   */
  public synchronized boolean awaitBackgroundCompiles(Duration timeout)
      throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (pendingCompiles > 0) {
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        return false;
      }
      TimeUnit.NANOSECONDS.timedWait(this, left);
    }
    return true;
  }

  /** Where a compilation publishes its result (null until then, or if it failed). */
  private static final class BackgroundCompile {
    volatile Function<Instance, Machine> ready;

    Function<Instance, Machine> ready() {
      return ready;
    }
  }

  /**
   * Compiles, publishes the code, then reports (so a listener that sees the event finds the code in
   * use); on failure, publishes nothing and reports: the interpreter keeps running the module.
   */
  private void compile(
      WasmModule module, String key, int size, Consumer<Function<Instance, Machine>> publish) {
    long start = System.nanoTime();
    Function<Instance, Machine> machines;
    try {
      machines = compiler.compile(module, key);
    } catch (RuntimeException | LinkageError e) {
      report(new CompileEvent.Failed(key, size, e));
      return;
    }
    publish.accept(machines);
    report(
        new CompileEvent.Compiled(key, size, Duration.ofNanos(System.nanoTime() - start), false));
  }

  private void report(CompileEvent event) {
    try {
      listener.accept(event);
    } catch (RuntimeException e) {
      LOG.log(System.Logger.Level.WARNING, "compile listener failed on " + event, e);
    }
  }

  private static void log(CompileEvent event) {
    switch (event) {
      case CompileEvent.Compiled c ->
          LOG.log(
              System.Logger.Level.DEBUG,
              () ->
                  "core module "
                      + c.key().substring(0, 12)
                      + " ("
                      + c.moduleBytes()
                      + " bytes) "
                      + (c.fromCache() ? "loaded from the compiled-code cache" : "compiled")
                      + " in "
                      + c.took().toMillis()
                      + " ms");
      case CompileEvent.Failed f ->
          LOG.log(
              System.Logger.Level.WARNING,
              "core module "
                  + f.key().substring(0, 12)
                  + " ("
                  + f.moduleBytes()
                  + " bytes) does not compile; it runs on the interpreter",
              f.cause());
    }
  }

  private static WasmModule parse(ByteSlice bytes, boolean validate) {
    return Parser.builder().withValidation(validate).build().parse(bytes::asStream);
  }

  /** Builds an {@link Engine}. */
  public static final class Builder {
    private Execution execution = Execution.INTERPRETER;
    private Function<WasmModule, Function<Instance, Machine>> machines;
    private Path cacheDir;
    private long cacheBytes = 1L << 30;
    private Consumer<CompileEvent> listener;
    private int compileThreads = 1;
    private OptionalInt maxMemoryPages = OptionalInt.empty();

    private Builder() {}

    /** How core modules run; {@link Execution#INTERPRETER} unless set. */
    public Builder execution(Execution execution) {
      this.execution = Objects.requireNonNull(execution, "execution");
      return this;
    }

    /**
     * Compiles each core module with this function instead of Chicory's runtime compiler (its
     * output is not cached); sets {@link Execution#COMPILED} unless {@link #execution} says
     * otherwise afterwards.
     */
    public Builder machines(Function<WasmModule, Function<Instance, Machine>> perModule) {
      this.machines = Objects.requireNonNull(perModule, "perModule");
      if (execution == Execution.INTERPRETER) {
        execution = Execution.COMPILED;
      }
      return this;
    }

    /**
     * Keeps compiled code in {@code dir} (e.g. the kernel's {@code data/cache/compiled}), at most
     * {@code maxBytes} of it, least recently used evicted first.
     */
    public Builder compiledCache(Path dir, long maxBytes) {
      this.cacheDir = Objects.requireNonNull(dir, "dir");
      if (maxBytes <= 0) {
        throw new IllegalArgumentException("cache size limit must be positive: " + maxBytes);
      }
      this.cacheBytes = maxBytes;
      return this;
    }

    /**
     * Receives every compilation's outcome (on the compiling thread); without one, outcomes are
     * logged through {@link System.Logger} (failures as warnings).
     */
    public Builder onCompile(Consumer<CompileEvent> listener) {
      this.listener = Objects.requireNonNull(listener, "listener");
      return this;
    }

    /** How many modules compile at once in the background (default 1). */
    public Builder compileThreads(int threads) {
      if (threads < 1) {
        throw new IllegalArgumentException("compile threads must be at least 1: " + threads);
      }
      this.compileThreads = threads;
      return this;
    }

    /** Caps every core memory at this many 64 KiB pages: growing beyond fails (-1). */
    public Builder maxMemoryPages(int pages) {
      this.maxMemoryPages = OptionalInt.of(pages);
      return this;
    }

    public Engine build() {
      return new Engine(this);
    }
  }
}
