package dev.brio.component.link;

import com.dylibso.chicory.compiler.internal.MachineFactory;
import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.runtime.Machine;
import com.dylibso.chicory.wasm.WasmModule;
import dev.brio.component.binary.ByteSlice;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * What Chicory's runtime compiler made of one core module: the generated classes, which of them is
 * the machine, and the functions it left to the interpreter (too large for a JVM method). Stored in
 * the compiled-code cache in this form, rather than Chicory's own, because the interpreted
 * functions are the only bodies a cached load still needs to parse (see {@link CodeBodies}).
 *
 * <p>The bytes of each class are a range of one array: read from the cache, the entry's own (a
 * cached StarlingMonkey module is 19 MB of classes in 815 of them), not copied class by class.
 */
record CompiledCode(String mainClass, Map<String, ByteSlice> classes, Set<Integer> interpreted) {
  CompiledCode {
    classes = Map.copyOf(classes);
    interpreted = Set.copyOf(interpreted);
  }

  /** The code of classes given as arrays of their own (as the compiler hands them out). */
  static CompiledCode of(String mainClass, Map<String, byte[]> classes, Set<Integer> interpreted) {
    return new CompiledCode(mainClass, slices(classes), interpreted);
  }

  /** Each array as a slice of itself. */
  static Map<String, ByteSlice> slices(Map<String, byte[]> classes) {
    Map<String, ByteSlice> out = new LinkedHashMap<>();
    classes.forEach((name, bytes) -> out.put(name, new ByteSlice(bytes, 0, bytes.length)));
    return out;
  }

  /**
   * A machine factory for instances of {@code module} (the module this code was compiled from). The
   * machine class is defined now; the classes it calls into as calls first reach them (see {@link
   * LazyClassLoader}).
   *
   * @throws LinkageError if the machine class does not load
   */
  Function<Instance, Machine> machines(WasmModule module) {
    return machines(module, loader());
  }

  /** A loader of these classes, none defined yet. */
  LazyClassLoader loader() {
    return new LazyClassLoader(classes);
  }

  /**
   * As {@link #machines(WasmModule)}, with the classes from {@code loader} (made by {@link
   * #loader()} of this code).
   */
  Function<Instance, Machine> machines(WasmModule module, LazyClassLoader loader) {
    MethodHandle constructor;
    try {
      Class<? extends Machine> main =
          Class.forName(mainClass.replace('/', '.'), true, loader).asSubclass(Machine.class);
      constructor =
          MethodHandles.publicLookup()
              .findConstructor(main, MethodType.methodType(void.class, Instance.class))
              .asType(MethodType.methodType(Machine.class, Instance.class));
    } catch (ReflectiveOperationException | ClassCastException e) {
      throw new LinkageError("compiled code of the module has no usable machine class", e);
    }
    return new MachineFactory(module, instance -> newMachine(constructor, instance));
  }

  private static Machine newMachine(MethodHandle constructor, Instance instance) {
    try {
      return (Machine) constructor.invokeExact(instance);
    } catch (RuntimeException | Error e) {
      throw e;
    } catch (Throwable e) {
      throw new IllegalStateException("the machine's constructor threw " + e, e);
    }
  }

  byte[] serialize() {
    var buffer = new ByteArrayOutputStream();
    try (var out = new DataOutputStream(buffer)) {
      out.writeUTF(mainClass);
      out.writeInt(interpreted.size());
      for (int f : new TreeSet<>(interpreted)) {
        out.writeInt(f);
      }
      out.writeInt(classes.size());
      for (var e : classes.entrySet()) {
        ByteSlice b = e.getValue();
        out.writeUTF(e.getKey());
        out.writeInt(b.length());
        out.write(b.source(), b.offset(), b.length());
      }
    } catch (IOException e) {
      throw new UncheckedIOException("writing to memory cannot fail", e);
    }
    return buffer.toByteArray();
  }

  /**
   * Reads what {@link #serialize} wrote. The classes are ranges of {@code bytes}, which must not
   * change afterwards.
   *
   * @throws IOException if the bytes are not a whole serialized form
   */
  static CompiledCode deserialize(byte[] bytes) throws IOException {
    try (var in = new DataInputStream(new ByteArrayInputStream(bytes))) {
      String main = in.readUTF();
      int n = count(in, bytes.length / 4);
      Set<Integer> interpreted = new TreeSet<>();
      for (int i = 0; i < n; i++) {
        interpreted.add(in.readInt());
      }
      int classCount = count(in, bytes.length / 4);
      Map<String, ByteSlice> classes = new LinkedHashMap<>();
      for (int i = 0; i < classCount; i++) {
        String name = in.readUTF();
        int length = in.readInt();
        if (length < 0 || length > in.available()) {
          throw new IOException("class " + name + " of " + length + " bytes runs past the entry");
        }
        classes.put(name, new ByteSlice(bytes, bytes.length - in.available(), length));
        in.skipNBytes(length);
      }
      if (in.available() != 0 || !classes.containsKey(main)) {
        throw new IOException("not a compiled-code entry");
      }
      return new CompiledCode(main, classes, interpreted);
    }
  }

  private static int count(DataInputStream in, int max) throws IOException {
    int n = in.readInt();
    if (n < 0 || n > max) {
      throw new IOException("count " + n + " out of range");
    }
    return n;
  }
}
