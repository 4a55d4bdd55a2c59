package dev.brio.component.link;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The generated classes a cached module's first call needed, in the order it needed them, kept in
 * the compiled-code cache beside the code. Defining and verifying those classes is most of a large
 * module's first call (StarlingMonkey: about 127 of its 815 classes); with the list at hand, a load
 * defines them on a second thread while the loading thread parses the module, so the first call
 * finds most of them ready.
 *
 * <p>The list is only a hint. It is recorded once per cache entry, after the first call into a
 * component that loaded the module from the cache without one; a name that is not a class of the
 * entry marks the list as not this entry's (it is dropped and recorded again); a class that does
 * not load is left to the call that reaches it. Whatever the list says, a class is defined at most
 * once ({@link LazyClassLoader}) and every class a call needs is still defined when it reaches it,
 * so a damaged, partial or stale list costs speed, never correctness.
 */
final class WarmSet {
  private static final String FORMAT = "brio-warm-set-1";
  private static final System.Logger LOG = System.getLogger(WarmSet.class.getName());

  private final ModuleCompiler compiler;
  private final String codeKey;
  private final LazyClassLoader loader;
  private final Thread preloading;
  private final AtomicBoolean recordAfterFirstCall;

  private WarmSet(
      ModuleCompiler compiler, String codeKey, LazyClassLoader loader, Thread preloading) {
    this.compiler = compiler;
    this.codeKey = codeKey;
    this.loader = loader;
    this.preloading = preloading;
    this.recordAfterFirstCall = new AtomicBoolean(preloading == null);
  }

  /**
   * Starts defining the recorded classes of the module with compiled-code key {@code codeKey} on a
   * background thread, if a list is recorded and all its names are classes of {@code loader};
   * otherwise arranges for one to be recorded after the first call.
   */
  static WarmSet start(ModuleCompiler compiler, String codeKey, LazyClassLoader loader) {
    List<String> names = compiler.warmSet(codeKey).orElse(List.of());
    if (!names.isEmpty() && !names.stream().allMatch(loader::isPending)) {
      compiler.forgetWarmSet(codeKey); // not this entry's classes: record a new list
      names = List.of();
    }
    Thread preloading = null;
    if (!names.isEmpty()) {
      List<String> toDefine = names;
      preloading =
          Thread.ofPlatform()
              .daemon()
              .name("brio-warm-" + codeKey.substring(0, 12))
              .start(() -> loader.preload(toDefine));
    }
    return new WarmSet(compiler, codeKey, loader, preloading);
  }

  /**
   * Called after a call into a component that instantiated this module returns (with no call
   * running in it): the first time, records the classes defined so far unless a list was used.
   */
  void firstCallDone() {
    if (recordAfterFirstCall.compareAndSet(true, false)) {
      try {
        compiler.storeWarmSet(codeKey, loader.definedInOrder());
      } catch (RuntimeException e) {
        // a hint that cannot be stored is not recorded: the call itself succeeded
        LOG.log(System.Logger.Level.DEBUG, "warm set of " + codeKey + " not stored", e);
      }
    }
  }

  /** The loader of the module's generated classes. */
  LazyClassLoader loader() {
    return loader;
  }

  /** Whether this load defines recorded classes ahead of use. */
  boolean preloads() {
    return preloading != null;
  }

  /**
   * Waits for the background definitions to finish, at most {@code timeout}.
   *
   * @return whether they finished (true at once if there were none)
   * @throws InterruptedException if the waiting thread is interrupted
   */
  boolean awaitPreload(Duration timeout) throws InterruptedException {
    return preloading == null || preloading.join(timeout);
  }

  /** The cache key of the list of the module with compiled-code key {@code codeKey}. */
  static String key(String codeKey) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      sha.update((FORMAT + "\0" + codeKey).getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(sha.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-256", e);
    }
  }

  static byte[] serialize(List<String> names) {
    var buffer = new ByteArrayOutputStream();
    try (var out = new DataOutputStream(buffer)) {
      out.writeUTF(FORMAT);
      out.writeInt(names.size());
      for (String n : names) {
        out.writeUTF(n);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("writing to memory cannot fail", e);
    }
    return buffer.toByteArray();
  }

  /**
   * Reads what {@link #serialize} wrote.
   *
   * @throws IOException if the bytes are not a whole list in this format
   */
  static List<String> deserialize(byte[] bytes) throws IOException {
    try (var in = new DataInputStream(new ByteArrayInputStream(bytes))) {
      if (!FORMAT.equals(in.readUTF())) {
        throw new IOException("not a warm-set entry");
      }
      int n = in.readInt();
      if (n < 0 || n > bytes.length / 2) {
        throw new IOException("count " + n + " out of range");
      }
      List<String> names = new ArrayList<>(n);
      for (int i = 0; i < n; i++) {
        names.add(in.readUTF());
      }
      if (in.available() != 0) {
        throw new IOException("trailing bytes after the warm set");
      }
      return List.copyOf(names);
    }
  }

  @Override
  public String toString() {
    return "warm set of " + codeKey.substring(0, 12) + (preloads() ? " (preloading)" : "");
  }
}
