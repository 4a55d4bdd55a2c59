package dev.brio.component.link;

import com.dylibso.chicory.compiler.internal.ClassLoadingCollector;
import dev.brio.component.binary.ByteSlice;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * Defines the classes Chicory's compiler generated for one module from their bytes, each when the
 * JVM first needs it, not all up front. The generated classes refer to each other by name (the
 * machine to its dispatch classes, those to the function groups), so the JVM asks this loader for a
 * class only when code that uses it runs: a large module whose first calls touch a few function
 * groups defines (and the JVM verifies) those, not the whole 15 MB.
 *
 * <p>Code loaded this way comes from the compiled-code cache, keyed by a hash of the module and the
 * compiler, so it is what the compiler produced, and the JVM verified it then; a class whose bytes
 * were damaged anyway fails when it is first used, with the JVM's error.
 *
 * <p>The loader remembers the order in which it defined classes, and can define and link a list of
 * classes ahead of their use ({@link #preload}, see {@link WarmSet}). A class is defined at most
 * once whichever thread asks first: the loader is parallel capable, so the JVM takes a lock per
 * class name around {@link #findClass}, and a name's bytes are removed as it is defined.
 */
final class LazyClassLoader extends ClassLoader {
  static {
    registerAsParallelCapable();
  }

  private final Map<String, ByteSlice> pending;
  private final Queue<String> defined = new ConcurrentLinkedQueue<>();

  /**
   * @param classes class bytes by class name, binary ({@code a.b.C}) or internal ({@code a/b/C})
   */
  LazyClassLoader(Map<String, ByteSlice> classes) {
    // the generated code calls Chicory's runtime and compiler support classes, which the compiler's
    // own class loader sees (in OSGi too)
    super("brio-compiled-code", ClassLoadingCollector.class.getClassLoader());
    this.pending = new ConcurrentHashMap<>(classes.size() * 2);
    classes.forEach((name, bytes) -> pending.put(name.replace('/', '.'), bytes));
  }

  @Override
  protected Class<?> findClass(String name) throws ClassNotFoundException {
    // called under this name's class-loading lock, once per name unless defining failed
    ByteSlice bytes = pending.get(name);
    if (bytes == null) {
      throw new ClassNotFoundException(name);
    }
    // removed once defined: a class that fails to define fails the same way for the next caller
    Class<?> c = defineClass(name, bytes.source(), bytes.offset(), bytes.length());
    pending.remove(name);
    defined.add(name);
    return c;
  }

  /** Whether {@code name} (binary) is one of this loader's classes not defined yet. */
  boolean isPending(String name) {
    return pending.containsKey(name);
  }

  /** How many classes are not defined yet. */
  int undefined() {
    return pending.size();
  }

  /** The binary names of the classes defined so far, in the order they were defined. */
  List<String> definedInOrder() {
    return List.copyOf(defined);
  }

  /**
   * Defines and initialises (so the JVM links and verifies) those of {@code names} that are still
   * pending, in order, on the calling thread: what a call would otherwise do when it first reaches
   * them. A name not of this loader, or already defined, is skipped; a class that fails to load is
   * left for the call that reaches it, which reports the JVM's error as before.
   *
   * @return how many of the classes this call defined or found defined by then
   */
  int preload(List<String> names) {
    int loaded = 0;
    for (String name : names) {
      if (!pending.containsKey(name)) {
        continue;
      }
      try {
        Class.forName(name, true, this);
        loaded++;
      } catch (ClassNotFoundException | LinkageError e) {
        // damaged bytes: the call that reaches this class fails with the same error, as a trap
      }
    }
    return loaded;
  }
}
