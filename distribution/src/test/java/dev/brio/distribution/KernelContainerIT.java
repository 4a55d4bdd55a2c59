package dev.brio.distribution;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Boots the real assembled distribution with {@code bin/brio start} in a child JVM, checks that
 * every bundle is ACTIVE and every DS component satisfied, stops it the ways a user would, and
 * checks what {@code brio.db} kept.
 */
class KernelContainerIT {
  private static final Duration READY_TIMEOUT = Duration.ofSeconds(90);
  private static final List<String> BRIO_BUNDLES =
      List.of(
          "dev.brio.api",
          "dev.brio.component",
          "dev.brio.store",
          "dev.brio.mesh",
          "dev.brio.vfs",
          "dev.brio.wasi",
          "dev.brio.extender",
          "dev.brio.kernel");

  @TempDir Path temp;

  @Test
  void everyBundleActiveAndEveryComponentSatisfied_thenSigtermStopsCleanly() throws Exception {
    var installation = Installation.copyOfAssembled(temp);
    try (var kernel = KernelProcess.start(installation)) {
      Duration ready = kernel.awaitReady(READY_TIMEOUT);
      System.out.printf("container test: kernel ready in %d ms%n", ready.toMillis());

      JsonNode status = new ObjectMapper().readTree(kernel.control("status-json"));
      assertEquals(List.of(), notActiveBundles(status), "bundles not ACTIVE");
      assertEquals(List.of(), unsatisfiedComponents(status), "components not satisfied");
      List<String> bundles = texts(status.get("bundles"), "symbolicName");
      for (String expected :
          concat(
              BRIO_BUNDLES,
              List.of(
                  "org.eclipse.jgit",
                  "com.dylibso.chicory",
                  "org.apache.felix.scr",
                  "org.apache.felix.configadmin",
                  "org.apache.felix.fileinstall",
                  "org.apache.aries.spifly.dynamic.bundle"))) {
        assertTrue(bundles.contains(expected), expected + " is not installed: " + bundles);
      }
      List<String> componentBundles = texts(status.get("components"), "bundle");
      assertTrue(componentBundles.contains("dev.brio.store"), "no DS component from the store");
      assertTrue(componentBundles.contains("dev.brio.kernel"), "no DS component from the kernel");
      assertTrue(componentBundles.contains("dev.brio.mesh"), "no DS component from the mesh");
      assertTrue(componentBundles.contains("dev.brio.vfs"), "no DS component from the vfs");
      assertTrue(
          componentBundles.contains("dev.brio.extender"), "no DS component from the extender");

      // the bundles' SLF4J reaches slf4j-simple (not the launcher's copy, which leaves it silent)
      assertTrue(
          kernel.log().contains("INFO ControlServer - control socket listening"), kernel.log());
      assertFalse(kernel.log().contains("SLF4J(W)"), kernel.log());

      assertEquals(143, kernel.terminate(), "exit status after SIGTERM:\n" + kernel.log());
      assertFalse(Files.exists(installation.controlSocket()), "socket left behind");
    }
    assertEquals(List.of("kernel.started", "kernel.stopped"), eventKinds(installation.database()));
  }

  @Test
  void oneKernelPerDataDirectory_restartKeepsEveryRow_andBrioStopStopsCleanly() throws Exception {
    var installation = Installation.copyOfAssembled(temp);
    try (var first = KernelProcess.start(installation)) {
      first.awaitReady(READY_TIMEOUT);
      var second = installation.run("start");
      assertEquals(1, second.exitCode(), second.output());
      assertTrue(second.output().contains("a kernel is already running"), second.output());
      assertEquals(0, installation.run("stop").exitCode());
      assertEquals(0, first.awaitExit(), first.log());
      assertTrue(first.log().contains("Brio kernel stopped"), first.log());
    }
    try (var second = KernelProcess.start(installation)) {
      second.awaitReady(READY_TIMEOUT);
      var status = installation.run("status");
      assertEquals(0, status.exitCode(), status.output());
      assertTrue(status.output().startsWith("Brio kernel: ready"), status.output());
      assertTrue(status.output().contains("kernel.started"), "events shown: " + status.output());
      assertEquals(0, installation.run("stop").exitCode());
      assertEquals(0, second.awaitExit(), second.log());
    }
    assertEquals(
        List.of("kernel.started", "kernel.stopped", "kernel.started", "kernel.stopped"),
        eventKinds(installation.database()));
  }

  @Test
  void corruptDatabaseIsRefusedNamedAndLeftUntouched() throws Exception {
    var installation = Installation.copyOfAssembled(temp);
    Files.createDirectories(installation.data());
    byte[] garbage = new byte[4096];
    new Random(42).nextBytes(garbage);
    Files.write(installation.database(), garbage);

    try (var kernel = KernelProcess.start(installation)) {
      String readiness = awaitProblemNaming(kernel, "dev.brio.store");
      assertTrue(readiness.startsWith("waiting"), readiness);
      assertTrue(readiness.contains(installation.database().toString()), readiness);
      var status = installation.run("status");
      assertEquals(1, status.exitCode(), "status exit code when not ready: " + status.output());
      assertTrue(status.output().contains("NOT READY"), status.output());
      assertEquals(0, installation.run("stop").exitCode());
      assertEquals(0, kernel.awaitExit(), kernel.log());
    }
    assertArrayEquals(garbage, Files.readAllBytes(installation.database()), "brio.db changed");
  }

  @Test
  void storeConfigurationComesFromEtc() throws Exception {
    var installation = Installation.copyOfAssembled(temp);
    Files.writeString(
        installation.home().resolve("etc/dev.brio.store.cfg"), "path=${brio.data}/configured.db\n");
    try (var kernel = KernelProcess.start(installation)) {
      kernel.awaitReady(READY_TIMEOUT);
      assertEquals(0, installation.run("stop").exitCode());
      assertEquals(0, kernel.awaitExit(), kernel.log());
    }
    Path configured = installation.data().resolve("configured.db");
    assertEquals(List.of("kernel.started", "kernel.stopped"), eventKinds(configured));
  }

  @Test
  void bundleMovedIntoDeployStartsAndLeavesWhenRemoved() throws Exception {
    var installation = Installation.copyOfAssembled(temp);
    try (var kernel = KernelProcess.start(installation)) {
      kernel.awaitReady(READY_TIMEOUT);
      Path staged = temp.resolve("hot.jar.partial");
      writeBundle(staged, "test.hot", "1.2.3");
      Path deployed = installation.home().resolve("deploy/hot.jar");
      Files.move(staged, deployed, StandardCopyOption.ATOMIC_MOVE);
      awaitBundleState(kernel, "test.hot", "ACTIVE");

      Files.delete(deployed);
      awaitBundleState(kernel, "test.hot", null);
      assertEquals(0, installation.run("stop").exitCode());
      assertEquals(0, kernel.awaitExit(), kernel.log());
    }
  }

  @Test
  void aBundleThatCannotResolveIsReportedWithItsMissingRequirement() throws Exception {
    var installation = Installation.copyOfAssembled(temp);
    writeBundle(
        installation.home().resolve("bundle/broken.jar"),
        "test.broken",
        "1.0.0",
        "com.example.nowhere;version=\"[1,2)\"");
    try (var kernel = KernelProcess.start(installation)) {
      String readiness = awaitProblemNaming(kernel, "test.broken");
      assertTrue(readiness.contains("test.broken [") && readiness.contains("INSTALLED"), readiness);
      assertEquals(0, installation.run("stop").exitCode());
      assertEquals(0, kernel.awaitExit(), kernel.log());
      String failure =
          kernel.log().lines().filter(l -> l.contains("test.broken")).findFirst().orElse("");
      assertTrue(failure.startsWith("brio: bundle test.broken 1.0.0 did not start:"), kernel.log());
      assertTrue(failure.contains("com.example.nowhere"), failure);
    }
  }

  /** A minimal bundle: a manifest and nothing else. */
  private static void writeBundle(Path jar, String symbolicName, String version)
      throws IOException {
    writeBundle(jar, symbolicName, version, null);
  }

  private static void writeBundle(Path jar, String symbolicName, String version, String imports)
      throws IOException {
    var manifest = new Manifest();
    Attributes main = manifest.getMainAttributes();
    main.put(Attributes.Name.MANIFEST_VERSION, "1.0");
    main.putValue("Bundle-ManifestVersion", "2");
    main.putValue("Bundle-SymbolicName", symbolicName);
    main.putValue("Bundle-Version", version);
    if (imports != null) {
      main.putValue("Import-Package", imports);
    }
    try (var out = new JarOutputStream(Files.newOutputStream(jar), manifest)) {
      out.flush();
    }
  }

  /** Polls the status until the bundle has {@code state}, or is gone when state is null. */
  private static void awaitBundleState(KernelProcess kernel, String name, String state)
      throws Exception {
    var mapper = new ObjectMapper();
    long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
    String seen = "absent";
    while (System.nanoTime() < deadline) {
      seen = "absent";
      for (JsonNode bundle : mapper.readTree(kernel.control("status-json")).get("bundles")) {
        if (bundle.get("symbolicName").asText().equals(name)) {
          seen = bundle.get("state").asText();
        }
      }
      if (state == null ? seen.equals("absent") : seen.equals(state)) {
        return;
      }
      Thread.sleep(100);
    }
    throw new AssertionError(
        name + " is " + seen + ", expected " + (state == null ? "absent" : state));
  }

  @Test
  void aJavaBundleHotDeployedIntoDeployServesMeshCalls() throws Exception {
    var installation = Installation.copyOfAssembled(temp.resolve("brio"));
    Path jar = temp.resolve("echo.jar");
    EchoBundle.build(temp.resolve("echo-build"), jar);
    try (var kernel = KernelProcess.start(installation)) {
      kernel.awaitReady(READY_TIMEOUT);
      Files.move(
          jar, installation.home().resolve("deploy/echo.jar"), StandardCopyOption.ATOMIC_MOVE);
      awaitBundleState(kernel, "test.echo", "ACTIVE");

      String answer = "";
      long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
      while (!answer.startsWith("ok") && System.nanoTime() < deadline) {
        answer = kernel.control("call\techo\thello\t5000", "{\"n\":1}");
        Thread.sleep(50);
      }
      assertEquals("ok\n{\"echo\":{\"n\":1},\"method\":\"hello\"}\n", answer);

      var cli = installation.run("call", EchoBundle.TARGET, "again", "[1,2]");
      assertEquals(0, cli.exitCode(), cli.output());
      assertTrue(cli.output().contains("{\"echo\":[1,2],\"method\":\"again\"}"), cli.output());
      var unknown = installation.run("call", "nobody", "m");
      assertEquals(1, unknown.exitCode(), unknown.output());
      assertTrue(
          unknown.output().contains("unknown target: no target named nobody"), unknown.output());

      Files.delete(installation.home().resolve("deploy/echo.jar"));
      awaitBundleState(kernel, "test.echo", null);
      String gone = kernel.control("call\techo\thello\t5000", "{}");
      assertTrue(gone.startsWith("error\nunknown target"), gone);
      assertEquals(0, installation.run("stop").exitCode());
      assertEquals(0, kernel.awaitExit(), kernel.log());
    }
    List<String> kinds = eventKinds(installation.database());
    assertTrue(kinds.contains("mesh.call"), "mesh calls traced: " + kinds);
  }

  @Test
  void aComponentCopiedIntoComponentsServesMeshCallsUntilItIsRemoved() throws Exception {
    var installation = Installation.copyOfAssembled(temp.resolve("brio"));
    Path components = installation.home().resolve("components");
    try (var kernel = KernelProcess.start(installation)) {
      kernel.awaitReady(READY_TIMEOUT);
      // the manifest first, then the component moved in whole, as an operator would
      Files.writeString(components.resolve("shout.json"), "{\"role\": \"tool\", \"pool\": 2}");
      Path staged = temp.resolve("shout.wasm.partial");
      Files.copy(Path.of(System.getProperty("brio.fixtures"), "mesh-tool.wasm"), staged);
      Files.move(staged, components.resolve("shout.wasm"), StandardCopyOption.ATOMIC_MOVE);

      Installation.Result answer = awaitCall(installation, "shout", "hello", "{\"n\":\"abc\"}");
      assertEquals(0, answer.exitCode(), answer.output());
      assertTrue(answer.output().contains("{\"N\":\"ABC\"}"), answer.output());
      // compiled in the background after the first (interpreted) call, and kept for the next run
      Path compiled = installation.data().resolve("cache/compiled");
      long compiledBy = System.nanoTime() + READY_TIMEOUT.toNanos();
      while (!hasFiles(compiled) && System.nanoTime() < compiledBy) {
        Thread.sleep(100);
      }
      assertTrue(hasFiles(compiled), "no compiled code cached in " + compiled);

      // brio status lists it, and a component that cannot load with its reason, still ready
      Files.writeString(components.resolve("broken.json"), "{\"role\": \"tool\"}");
      Files.writeString(components.resolve("broken.wasm"), "not wasm");
      Installation.Result status = installation.run("status");
      long refusedBy = System.nanoTime() + READY_TIMEOUT.toNanos();
      while (!status.output().contains("Refused components") && System.nanoTime() < refusedBy) {
        Thread.sleep(100);
        status = installation.run("status");
      }
      assertEquals(0, status.exitCode(), status.output());
      assertTrue(
          status.output().matches("(?s).*DEPLOYED\\s+shout\\s+tool / shout.*"), status.output());
      assertTrue(
          status.output().contains("broken (since ") && status.output().contains("broken.wasm"),
          status.output());

      Files.delete(components.resolve("shout.wasm"));
      long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
      String gone = "";
      while (!gone.startsWith("error\nunknown target") && System.nanoTime() < deadline) {
        Thread.sleep(100);
        gone = kernel.control("call\tshout\thello\t5000", "{}");
      }
      assertTrue(gone.startsWith("error\nunknown target: no target named shout"), gone);
      assertEquals(0, installation.run("stop").exitCode());
      assertEquals(0, kernel.awaitExit(), kernel.log());
    }
    List<String> kinds = eventKinds(installation.database());
    assertTrue(kinds.contains("component.deployed"), "deployment recorded: " + kinds);
    assertTrue(kinds.contains("component.removed"), "removal recorded: " + kinds);
  }

  private static boolean hasFiles(Path directory) throws IOException {
    if (!Files.isDirectory(directory)) {
      return false;
    }
    try (var files = Files.list(directory)) {
      return files.findAny().isPresent();
    }
  }

  /** Calls through {@code brio call} until the target answers (it deploys a moment after). */
  private static Installation.Result awaitCall(
      Installation installation, String target, String method, String json) throws Exception {
    long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
    Installation.Result result = installation.run("call", target, method, json);
    while (result.exitCode() != 0
        && result.output().contains("unknown target")
        && System.nanoTime() < deadline) {
      Thread.sleep(200);
      result = installation.run("call", target, method, json);
    }
    return result;
  }

  @Test
  void demoBootsReportsAndStops() throws Exception {
    var installation = Installation.copyOfAssembled(temp);
    var demo = installation.run("demo");
    assertEquals(0, demo.exitCode(), demo.output());
    assertTrue(demo.output().contains("Brio kernel: ready"), demo.output());
    assertTrue(demo.output().contains("stopping it cleanly"), demo.output());
    assertEquals(List.of("kernel.started", "kernel.stopped"), eventKinds(installation.database()));
  }

  @Test
  void badCommandLinesPrintUsageAndExit2_statusWithoutKernelExits3() throws Exception {
    var installation = Installation.copyOfAssembled(temp);
    var unknownOption = installation.run("start", "--bogus");
    assertEquals(2, unknownOption.exitCode(), unknownOption.output());
    assertTrue(
        unknownOption.output().contains("Unknown option: '--bogus'"), unknownOption.output());
    assertTrue(unknownOption.output().contains("Usage: brio start"), unknownOption.output());

    var unknownCommand = installation.run("frobnicate");
    assertEquals(2, unknownCommand.exitCode(), unknownCommand.output());
    assertTrue(unknownCommand.output().contains("Usage: brio"), unknownCommand.output());

    var status = installation.run("status");
    assertEquals(3, status.exitCode(), status.output());
    assertTrue(status.output().contains("not running"), status.output());
  }

  private static String awaitProblemNaming(KernelProcess kernel, String name) throws Exception {
    long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
    String last = "";
    while (System.nanoTime() < deadline) {
      try {
        last = kernel.control("ready");
        if (last.contains(name)) {
          return last;
        }
      } catch (IOException notYet) {
        // socket not open yet
      }
      Thread.sleep(100);
    }
    throw new AssertionError("no problem naming " + name + " reported; last: " + last);
  }

  private static List<String> notActiveBundles(JsonNode status) {
    List<String> offenders = new ArrayList<>();
    for (JsonNode bundle : status.get("bundles")) {
      String expected = bundle.get("fragment").asBoolean() ? "RESOLVED" : "ACTIVE";
      if (!bundle.get("state").asText().equals(expected)) {
        offenders.add(bundle.get("symbolicName").asText() + " " + bundle.get("state").asText());
      }
    }
    return offenders;
  }

  private static List<String> unsatisfiedComponents(JsonNode status) {
    List<String> offenders = new ArrayList<>();
    for (JsonNode component : status.get("components")) {
      String state = component.get("state").asText();
      if (!state.equals("ACTIVE") && !state.equals("SATISFIED")) {
        offenders.add(
            component.get("name").asText() + " " + state + ": " + component.get("problem"));
      }
    }
    return offenders;
  }

  private static List<String> texts(JsonNode array, String field) {
    return StreamSupport.stream(array.spliterator(), false)
        .map(node -> node.get(field).asText())
        .toList();
  }

  private static List<String> concat(List<String> a, List<String> b) {
    var all = new ArrayList<>(a);
    all.addAll(b);
    return all;
  }

  private static List<String> eventKinds(Path database) throws SQLException {
    assertTrue(Files.exists(database), database + " does not exist");
    try (var connection = DriverManager.getConnection("jdbc:sqlite:" + database);
        var rows =
            connection.createStatement().executeQuery("SELECT kind FROM events ORDER BY id")) {
      List<String> kinds = new ArrayList<>();
      while (rows.next()) {
        kinds.add(rows.getString(1));
      }
      return kinds;
    }
  }
}
