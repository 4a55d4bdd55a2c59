package dev.brio.component.link;

import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.runtime.Machine;
import com.dylibso.chicory.wasm.Parser;
import com.dylibso.chicory.wasm.WasmModule;
import dev.brio.component.binary.ByteSlice;
import java.util.Collections;
import java.util.Map;
import java.util.OptionalInt;
import java.util.WeakHashMap;
import java.util.function.Function;

/**
 * How core modules run: Chicory's interpreter, or a machine made per module (Chicory's runtime
 * compiler: {@code Engine.builder().machines(MachineFactoryCompiler::compile)}), and the memory
 * limit of each core instance. Parsed (and compiled) core modules are cached by content, so
 * instantiating a component again parses and compiles nothing.
 */
public final class Engine {
  /** A parsed core module and the machine factory its instances run on (null: interpreter). */
  record CoreModule(WasmModule module, Function<Instance, Machine> machines) {}

  private final Function<WasmModule, Function<Instance, Machine>> machines;
  private final OptionalInt maxMemoryPages;
  private final Map<ByteSlice, CoreModule> modules =
      Collections.synchronizedMap(new WeakHashMap<>());

  private Engine(Builder b) {
    this.machines = b.machines;
    this.maxMemoryPages = b.maxMemoryPages;
  }

  public static Builder builder() {
    return new Builder();
  }

  OptionalInt maxMemoryPages() {
    return maxMemoryPages;
  }

  CoreModule module(ByteSlice bytes) {
    return modules.computeIfAbsent(
        bytes,
        b -> {
          WasmModule m = Parser.parse(b.asStream());
          return new CoreModule(m, machines == null ? null : machines.apply(m));
        });
  }

  /** Builds an {@link Engine}. */
  public static final class Builder {
    private Function<WasmModule, Function<Instance, Machine>> machines;
    private OptionalInt maxMemoryPages = OptionalInt.empty();

    private Builder() {}

    /**
     * Runs each core module on the machine factory made for it once, e.g. Chicory's runtime
     * compiler ({@code MachineFactoryCompiler::compile}); without it, Chicory's interpreter.
     */
    public Builder machines(Function<WasmModule, Function<Instance, Machine>> perModule) {
      this.machines = perModule;
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
