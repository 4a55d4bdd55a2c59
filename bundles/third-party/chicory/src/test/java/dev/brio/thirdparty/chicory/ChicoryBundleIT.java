package dev.brio.thirdparty.chicory;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.File;
import java.lang.reflect.Method;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.apache.felix.framework.FrameworkFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.Bundle;
import org.osgi.framework.Constants;
import org.osgi.framework.launch.Framework;

/**
 * The wrapped Chicory in a real Felix: it resolves against the ASM bundles, and a module runs both
 * interpreted and through the runtime compiler, whose generated classes must see the runtime's and
 * wasm's packages through the bundle's one class loader (the reason for a single bundle).
 */
class ChicoryBundleIT {
  /** {@code (func (export "add") (param i32 i32) (result i32) local.get 0 local.get 1 i32.add)} */
  private static final byte[] ADD_MODULE = {
    0x00,
    0x61,
    0x73,
    0x6d,
    0x01,
    0x00,
    0x00,
    0x00, // magic, version 1
    0x01,
    0x07,
    0x01,
    0x60,
    0x02,
    0x7f,
    0x7f,
    0x01,
    0x7f, // type: (i32 i32) -> i32
    0x03,
    0x02,
    0x01,
    0x00, // function 0 has type 0
    0x07,
    0x07,
    0x01,
    0x03,
    0x61,
    0x64,
    0x64,
    0x00,
    0x00, // export "add" = func 0
    0x0a,
    0x09,
    0x01,
    0x07,
    0x00,
    0x20,
    0x00,
    0x20,
    0x01,
    0x6a,
    0x0b // body
  };

  @TempDir Path dir;
  private Framework felix;
  private Bundle chicory;

  @BeforeEach
  void startFelixWithChicory() throws Exception {
    felix =
        new FrameworkFactory()
            .newFramework(
                Map.of(
                    Constants.FRAMEWORK_STORAGE,
                    dir.toString(),
                    Constants.FRAMEWORK_STORAGE_CLEAN,
                    Constants.FRAMEWORK_STORAGE_CLEAN_ONFIRSTINIT,
                    Constants.FRAMEWORK_BOOTDELEGATION,
                    "sun.misc"));
    felix.start();
    List<Bundle> bundles = new ArrayList<>();
    for (String asm : List.of("asm-9", "asm-tree-", "asm-analysis-", "asm-commons-", "asm-util-")) {
      bundles.add(felix.getBundleContext().installBundle(classpathJar(asm).toUri().toString()));
    }
    Path wrapped = Path.of(System.getProperty("brio.chicory.bundle"));
    chicory = felix.getBundleContext().installBundle(wrapped.toUri().toString());
    bundles.add(chicory);
    for (Bundle bundle : bundles) {
      bundle.start();
    }
    assertEquals(Bundle.ACTIVE, chicory.getState());
    assertEquals("com.dylibso.chicory", chicory.getSymbolicName());
  }

  @AfterEach
  void stopFelix() throws Exception {
    felix.stop();
    felix.waitForStop(10_000);
  }

  @Test
  void aModuleRunsInterpretedInsideFelix() throws Exception {
    assertArrayEquals(new long[] {5}, add(null, 2, 3));
  }

  @Test
  void aModuleRunsThroughTheRuntimeCompilerInsideFelix() throws Exception {
    Class<?> compiler = chicory.loadClass("com.dylibso.chicory.compiler.MachineFactoryCompiler");
    Class<?> module = chicory.loadClass("com.dylibso.chicory.wasm.WasmModule");
    Method compile = compiler.getMethod("compile", module);
    assertArrayEquals(new long[] {42}, add(compile, 40, 2));
  }

  /** Parses the module and calls "add" through Chicory's API, reached by name in the bundle. */
  private long[] add(Method machineFactory, long a, long b) throws Exception {
    Class<?> parser = chicory.loadClass("com.dylibso.chicory.wasm.Parser");
    Class<?> moduleType = chicory.loadClass("com.dylibso.chicory.wasm.WasmModule");
    Class<?> instanceType = chicory.loadClass("com.dylibso.chicory.runtime.Instance");
    Object module = parser.getMethod("parse", byte[].class).invoke(null, (Object) ADD_MODULE);
    Object builder = instanceType.getMethod("builder", moduleType).invoke(null, module);
    if (machineFactory != null) {
      Object factory = machineFactory.invoke(null, module);
      builder =
          builder
              .getClass()
              .getMethod("withMachineFactory", Function.class)
              .invoke(builder, factory);
    }
    Object instance = builder.getClass().getMethod("build").invoke(builder);
    Object export = instanceType.getMethod("export", String.class).invoke(instance, "add");
    Method apply =
        chicory
            .loadClass("com.dylibso.chicory.runtime.ExportFunction")
            .getMethod("apply", long[].class);
    return (long[]) apply.invoke(export, (Object) new long[] {a, b});
  }

  private static Path classpathJar(String namePrefix) {
    return Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
        .map(Path::of)
        .filter(path -> path.getFileName().toString().startsWith(namePrefix))
        .filter(path -> path.toString().endsWith(".jar"))
        .findFirst()
        .orElseThrow(() -> new AssertionError(namePrefix + "*.jar is not on the test classpath"));
  }
}
