package dev.brio.component.link;

import com.dylibso.chicory.compiler.internal.ClassLoadingCollector;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Defines the classes Chicory's compiler generated for one module from their bytes, each when the
 * JVM first needs it, not all up front. The generated classes refer to each other by name (the
 * machine to its dispatch classes, those to the function groups), so the JVM asks this loader for a
 * class only when code that uses it runs: a large module whose first calls touch a few function
 * groups defines (and the JVM verifies) those, not the whole 15 MB. The bytes of a class are let go
 * once it is defined.
 *
 * <p>Code loaded this way comes from the compiled-code cache, keyed by a hash of the module and the
 * compiler, so it is what the compiler produced, and the JVM verified it then; a class whose bytes
 * were damaged anyway fails when it is first used, with the JVM's error.
 */
final class LazyClassLoader extends ClassLoader {
  static {
    registerAsParallelCapable();
  }

  private final Map<String, byte[]> pending;

  /**
   * @param classes class bytes by class name, binary ({@code a.b.C}) or internal ({@code a/b/C})
   */
  LazyClassLoader(Map<String, byte[]> classes) {
    // the generated code calls Chicory's runtime and compiler support classes, which the compiler's
    // own class loader sees (in OSGi too)
    super("brio-compiled-code", ClassLoadingCollector.class.getClassLoader());
    this.pending = new ConcurrentHashMap<>(classes.size() * 2);
    classes.forEach((name, bytes) -> pending.put(name.replace('/', '.'), bytes));
  }

  @Override
  protected Class<?> findClass(String name) throws ClassNotFoundException {
    // called under this name's class-loading lock, once per name unless defining failed
    byte[] bytes = pending.remove(name);
    if (bytes == null) {
      throw new ClassNotFoundException(name);
    }
    return defineClass(name, bytes, 0, bytes.length);
  }

  /** How many classes are not defined yet. */
  int undefined() {
    return pending.size();
  }
}
