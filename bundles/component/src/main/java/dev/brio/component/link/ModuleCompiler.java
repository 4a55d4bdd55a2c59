package dev.brio.component.link;

import com.dylibso.chicory.compiler.InterpreterFallback;
import com.dylibso.chicory.compiler.MachineFactoryCompiler;
import com.dylibso.chicory.compiler.internal.ClassLoadingCollector;
import com.dylibso.chicory.compiler.internal.Compiler;
import com.dylibso.chicory.compiler.internal.CompilerResult;
import com.dylibso.chicory.compiler.internal.MachineFactory;
import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.runtime.Machine;
import com.dylibso.chicory.wasm.WasmModule;
import dev.brio.component.binary.ByteSlice;
import dev.brio.component.cache.DiskCache;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Compiles core modules with Chicory's runtime compiler and keeps the code in the on-disk
 * compiled-code cache when there is one. Chicory's own cache hook ({@code
 * MachineFactoryCompiler.Builder.withCache}) keys entries on the module's digest alone, so an entry
 * written by another Chicory version (or with other compiler options) would be loaded as if it were
 * current, and it does not record which functions stayed interpreted; this class keys entries on a
 * hash of the module <em>and</em> the compiler's fingerprint, and stores {@link CompiledCode}.
 */
final class ModuleCompiler {
  /**
   * Wasm functions per generated class. Chicory's default (12,288) puts nearly all of a large
   * module into one class (13 MB for StarlingMonkey) that the JVM must define and verify before the
   * first compiled call. In small groups, a cached module's classes are defined as calls reach them
   * ({@link LazyClassLoader}), so a first call pays only for the groups it runs: StarlingMonkey's
   * first {@code upper} call reaches about 127 of its 815 classes. On that module the first call
   * cost about half as much with groups of 16 as with groups of 128 (docs/benchmarks.md), and
   * compiling did not get slower.
   */
  static final int FUNCTIONS_PER_CLASS = 16;

  /** Compiler options that change the generated code: part of every key. */
  private static final String OPTIONS =
      "interpreter-fallback="
          + InterpreterFallback.SILENT
          + ";functions-per-class="
          + FUNCTIONS_PER_CLASS
          + ";entry-format=brio-compiled-code-1";

  /** Identifies the exact compiler and runtime the generated classes are made for. */
  static final String FINGERPRINT = fingerprint();

  private final DiskCache disk;
  private final Function<WasmModule, Function<Instance, Machine>> custom;

  /**
   * @param disk the compiled-code cache, or null for none
   * @param custom a compiler to use instead of Chicory's (never cached), or null
   */
  ModuleCompiler(DiskCache disk, Function<WasmModule, Function<Instance, Machine>> custom) {
    this.disk = disk;
    this.custom = custom;
  }

  /** The content key of a module: hex SHA-256 over the compiler fingerprint and the bytes. */
  static String key(ByteSlice bytes) {
    MessageDigest sha = sha256();
    sha.update(FINGERPRINT.getBytes(StandardCharsets.UTF_8));
    sha.update((byte) 0);
    sha.update(bytes.asBuffer());
    return HexFormat.of().formatHex(sha.digest());
  }

  /**
   * The cached compiled code of the module with this key, read and checked now. An entry that is
   * intact on disk but not a compiled-code entry is deleted.
   */
  Optional<CompiledCode> cached(String key) {
    if (disk == null || custom != null) {
      return Optional.empty();
    }
    Optional<byte[]> bytes = disk.get(key);
    if (bytes.isEmpty()) {
      return Optional.empty();
    }
    try {
      return Optional.of(CompiledCode.deserialize(bytes.get()));
    } catch (IOException e) {
      disk.remove(key);
      return Optional.empty();
    }
  }

  /** Drops a cache entry that turned out unusable (and its warm set), so it is compiled again. */
  void forget(String key) {
    if (disk != null) {
      disk.remove(key);
      disk.remove(WarmSet.key(key));
    }
  }

  /**
   * The recorded {@link WarmSet} of the module with this key, if one is stored whole; one that is
   * intact on disk but not a warm set is deleted.
   */
  Optional<List<String>> warmSet(String key) {
    if (disk == null || custom != null) {
      return Optional.empty();
    }
    String warmKey = WarmSet.key(key);
    Optional<byte[]> bytes = disk.get(warmKey);
    if (bytes.isEmpty()) {
      return Optional.empty();
    }
    try {
      return Optional.of(WarmSet.deserialize(bytes.get()));
    } catch (IOException e) {
      disk.remove(warmKey);
      return Optional.empty();
    }
  }

  /** Stores the warm set of the module with this key, unless one is stored. */
  void storeWarmSet(String key, List<String> classes) {
    if (disk != null && custom == null) {
      disk.putIfAbsent(WarmSet.key(key), WarmSet.serialize(classes));
    }
  }

  /** Drops the warm set of the module with this key (one that is not of its code). */
  void forgetWarmSet(String key) {
    if (disk != null) {
      disk.remove(WarmSet.key(key));
    }
  }

  /** Compiles {@code module} and stores the code in the cache (if there is one). */
  Function<Instance, Machine> compile(WasmModule module, String key) {
    if (custom != null) {
      return custom.apply(module);
    }
    CompilerResult result =
        Compiler.builder(module)
            .withClassCollectorFactory(ClassLoadingCollector::new)
            .withInterpreterFallback(InterpreterFallback.SILENT)
            .withMaxFunctionsPerClass(FUNCTIONS_PER_CLASS)
            .build()
            .compile();
    var collector = (ClassLoadingCollector) result.collector();
    var code =
        CompiledCode.of(
            collector.mainClassName(), collector.classBytes(), result.interpretedFunctions());
    if (disk != null) {
      disk.putIfAbsent(key, code.serialize());
    }
    return new MachineFactory(module, collector.machineFactory());
  }

  private static String fingerprint() {
    MessageDigest sha = sha256();
    sha.update(OPTIONS.getBytes(StandardCharsets.UTF_8));
    // The Maven versions when the jars carry them, and the bytes of the classes that generate code
    // and that generated code calls, so a rebuilt compiler with an unchanged version differs too.
    List<String> resources =
        List.of(
            "/META-INF/maven/com.dylibso.chicory/compiler/pom.properties",
            "/META-INF/maven/com.dylibso.chicory/runtime/pom.properties",
            "/com/dylibso/chicory/compiler/MachineFactoryCompiler.class",
            "/com/dylibso/chicory/compiler/internal/Compiler.class",
            "/com/dylibso/chicory/compiler/internal/Emitters.class",
            "/com/dylibso/chicory/compiler/internal/EmitterMap.class",
            "/com/dylibso/chicory/compiler/internal/Shaded.class",
            "/com/dylibso/chicory/compiler/internal/ShadedRefs.class",
            "/com/dylibso/chicory/runtime/Instance.class",
            "/com/dylibso/chicory/runtime/OpcodeImpl.class");
    for (String r : resources) {
      sha.update(r.getBytes(StandardCharsets.UTF_8));
      Class<?> anchor = r.contains("/runtime/") ? Instance.class : MachineFactoryCompiler.class;
      try (InputStream in = anchor.getResourceAsStream(r)) {
        if (in != null) {
          sha.update(in.readAllBytes());
        }
      } catch (IOException e) {
        sha.update((byte) 1); // unreadable: hashed as absent, still distinct from present
      }
    }
    return "chicory-" + HexFormat.of().formatHex(sha.digest(), 0, 16);
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-256", e);
    }
  }
}
