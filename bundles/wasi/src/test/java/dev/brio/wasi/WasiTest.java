package dev.brio.wasi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.brio.component.binary.Component;
import dev.brio.component.link.ComponentInstance;
import dev.brio.component.link.HostFunctionException;
import dev.brio.component.link.LinkException;
import dev.brio.component.link.Linker;
import dev.brio.component.types.SemVer;
import dev.brio.component.values.BoolValue;
import dev.brio.component.values.EnumValue;
import dev.brio.component.values.ListValue;
import dev.brio.component.values.RecordValue;
import dev.brio.component.values.StringValue;
import dev.brio.component.values.TupleValue;
import dev.brio.component.values.U32Value;
import dev.brio.component.values.U64Value;
import dev.brio.component.values.U8Value;
import dev.brio.component.values.Value;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The WASI host under a real guest (wasi-basics.wat) on Chicory. */
class WasiTest {
  private static ComponentInstance instantiate(Wasi wasi) throws Exception {
    Component component = Fixtures.parse("wasi-basics");
    Linker linker = new Linker();
    wasi.defineFor(component, linker);
    return linker.instantiate(component);
  }

  private static ComponentInstance instantiate() throws Exception {
    return instantiate(Wasi.of("wasi-basics"));
  }

  private static long u64(Optional<Value> v) {
    return ((U64Value) v.orElseThrow()).bits();
  }

  private static long u64(Value v) {
    return ((U64Value) v).bits();
  }

  private static List<Value> list(Optional<Value> v) {
    return ((ListValue) v.orElseThrow()).elements();
  }

  @Test
  void definesEveryImportedInterfaceUnderItsImportedName() throws Exception {
    Component component = Fixtures.parse("wasi-basics");
    assertEquals(
        List.of(
            "wasi:random/random@0.2.3",
            "wasi:random/insecure@0.2.3",
            "wasi:random/insecure-seed@0.2.3",
            "wasi:clocks/wall-clock@0.2.3",
            "wasi:clocks/monotonic-clock@0.2.3",
            "wasi:logging/logging@0.1.0-draft"),
        Wasi.of("x").defineFor(component, new Linker()));
  }

  @Test
  void acceptsEvery02ReleaseOnly() {
    for (String v : List.of("0.2.0", "0.2.3", "0.2.12", "0.2.99+build")) {
      assertTrue(Wasi.is02(SemVer.parse(v)), v);
    }
    for (String v : List.of("0.1.0", "0.3.0", "1.2.0", "0.2.0-rc-2023-11-10")) {
      assertTrue(!Wasi.is02(SemVer.parse(v)), v);
    }
  }

  @Test
  void randomBytesHaveTheAskedLengthAndAreNotAllZero() throws Exception {
    ComponentInstance instance = instantiate();
    assertEquals(Optional.of(new U32Value(0)), instance.call("random-bytes-len", new U64Value(0)));
    assertEquals(
        Optional.of(new U32Value(1000)), instance.call("random-bytes-len", new U64Value(1000)));
    for (String f : List.of("random-bytes", "insecure-bytes")) {
      List<Value> bytes = list(instance.call(f, new U64Value(64)));
      assertEquals(64, bytes.size(), f);
      assertTrue(bytes.stream().anyMatch(b -> ((U8Value) b).value() != 0), f);
      assertNotEquals(bytes, list(instance.call(f, new U64Value(64))), f);
    }
  }

  @Test
  void twoRandomU64sDiffer() throws Exception {
    ComponentInstance instance = instantiate();
    assertNotEquals(u64(instance.call("random-u64")), u64(instance.call("random-u64")));
    assertNotEquals(u64(instance.call("insecure-u64")), u64(instance.call("insecure-u64")));
  }

  @Test
  void aHugeRandomRequestIsAHostErrorNotAnAllocation() throws Exception {
    ComponentInstance instance = instantiate();
    HostFunctionException e =
        assertThrows(
            HostFunctionException.class, () -> instance.call("random-bytes", new U64Value(-1L)));
    assertTrue(e.getCause() instanceof IllegalArgumentException);
  }

  @Test
  void theInsecureSeedIsStableWithinAnInstance() throws Exception {
    ComponentInstance instance = instantiate();
    Value first = instance.call("seed").orElseThrow();
    assertEquals(2, ((TupleValue) first).elements().size());
    assertEquals(first, instance.call("seed").orElseThrow());
    assertEquals(first, instance.call("seed").orElseThrow());
    Value other = instantiate().call("seed").orElseThrow();
    assertNotEquals(first, other);
  }

  @Test
  void theWallClockIsTheHosts() throws Exception {
    ComponentInstance instance = instantiate();
    long before = Instant.now().getEpochSecond();
    long seconds = u64(instance.call("wall-seconds"));
    long after = Instant.now().getEpochSecond();
    assertTrue(
        before <= seconds && seconds <= after + 1, seconds + " not in " + before + ".." + after);
    RecordValue now = (RecordValue) instance.call("wall-now").orElseThrow();
    assertTrue(Math.abs(u64(now.field("seconds").orElseThrow()) - after) <= 2);
    long nanos = ((U32Value) now.field("nanoseconds").orElseThrow()).value();
    assertTrue(nanos >= 0 && nanos < 1_000_000_000L);
  }

  @Test
  void aFixedClockGivesExactValues() throws Exception {
    AtomicLong ticks = new AtomicLong(41);
    Wasi wasi =
        new Wasi(
            WasiConfig.builder("fixed")
                .clocks(
                    new WasiClocks(
                        InstantSource.fixed(Instant.ofEpochSecond(1_700_000_000L, 123_456_789)),
                        ticks::incrementAndGet,
                        250))
                .build());
    ComponentInstance instance = instantiate(wasi);
    assertEquals(
        Optional.of(
            new RecordValue(
                List.of(
                    new RecordValue.Field("seconds", new U64Value(1_700_000_000L)),
                    new RecordValue.Field("nanoseconds", new U32Value(123_456_789))))),
        instance.call("wall-now"));
    assertEquals(Optional.of(new U64Value(1_700_000_000L)), instance.call("wall-seconds"));
    assertEquals(
        Optional.of(
            new RecordValue(
                List.of(
                    new RecordValue.Field("seconds", new U64Value(0)),
                    new RecordValue.Field("nanoseconds", new U32Value(250))))),
        instance.call("wall-resolution"));
    assertEquals(Optional.of(new U64Value(42)), instance.call("mono-now"));
    assertEquals(Optional.of(new U64Value(43)), instance.call("mono-now"));
    assertEquals(Optional.of(new U64Value(1)), instance.call("mono-resolution"));
  }

  @Test
  void aWallClockBeforeTheEpochReadsAsTheEpoch() throws Exception {
    Wasi wasi =
        new Wasi(
            WasiConfig.builder("epoch")
                .clocks(new WasiClocks(InstantSource.fixed(Instant.ofEpochSecond(-5)), () -> 0, 1))
                .build());
    assertEquals(Optional.of(new U64Value(0)), instantiate(wasi).call("wall-seconds"));
  }

  @Test
  void theMonotonicClockNeverGoesBack() throws Exception {
    ComponentInstance instance = instantiate();
    long previous = u64(instance.call("mono-now"));
    for (int i = 0; i < 100; i++) {
      long now = u64(instance.call("mono-now"));
      assertTrue(Long.compareUnsigned(now, previous) >= 0, now + " < " + previous);
      previous = now;
      assertEquals(Optional.of(new BoolValue(true)), instance.call("mono-increasing"));
    }
    assertTrue(u64(instance.call("mono-resolution")) > 0);
  }

  @Test
  void logCallsReachSlf4jUnderTheComponentsName() throws Exception {
    String name = "wasi-basics-" + UUID.randomUUID();
    ComponentInstance instance = instantiate(Wasi.of(name));
    instance.call(
        "log", new EnumValue("info"), new StringValue("ctx"), new StringValue("hello wörld"));
    instance.call(
        "log", new EnumValue("critical"), new StringValue(""), new StringValue("on fire"));
    instance.call("log", new EnumValue("trace"), new StringValue("t"), new StringValue("fine"));
    Path file = Path.of(System.getProperty("org.slf4j.simpleLogger.logFile"));
    List<String> lines =
        Files.readAllLines(file, StandardCharsets.UTF_8).stream()
            .filter(l -> l.contains(name))
            .toList();
    assertEquals(3, lines.size(), lines.toString());
    assertTrue(lines.get(0).endsWith("INFO " + name + " - ctx: hello wörld"), lines.get(0));
    assertTrue(lines.get(1).endsWith("ERROR " + name + " - on fire"), lines.get(1));
    assertTrue(lines.get(2).endsWith("TRACE " + name + " - t: fine"), lines.get(2));
  }

  @Test
  void anUnsupportedWasiInterfaceFailsAtInstantiationNamingIt() throws Exception {
    Component component = Fixtures.parse("wasi-unsupported");
    Linker linker = new Linker();
    assertEquals(
        List.of("wasi:random/random@0.2.0"), Wasi.of("unsupported").defineFor(component, linker));
    LinkException e = assertThrows(LinkException.class, () -> linker.instantiate(component));
    assertTrue(e.getMessage().contains("wasi:keyvalue/store@0.2.0-draft"), e.getMessage());
  }

  @Test
  void socketsAreDeniedUnlessGranted() throws Exception {
    Component component = Fixtures.parse("wasi-sockets-denied");
    Linker linker = new Linker();
    assertEquals(
        List.of(
            "wasi:sockets/network@0.2.3",
            "wasi:sockets/instance-network@0.2.3",
            "wasi:sockets/ip-name-lookup@0.2.3",
            "wasi:sockets/tcp-create-socket@0.2.3"),
        Wasi.of("sockets").defineFor(component, linker));
    ComponentInstance instance = linker.instantiate(component);
    // 100 + the index of access-denied in the guest's error-code enum
    assertEquals(Optional.of(new U32Value(101)), instance.call("try-socket"));
    // instance-network hands out a network handle (the guest drops it); a lookup on it is denied
    assertEquals(Optional.of(new U32Value(101)), instance.call("try-lookup"));
    assertEquals(Optional.of(new U32Value(101)), instance.call("try-lookup"));
  }

  @Test
  void theLinkerMatchesVersionsExactlySoDefineForUsesTheImportedOne() throws Exception {
    Linker linker = new Linker();
    new WasiRandom().defineRandom(linker, "0.2.3");
    Component component = Fixtures.parse("wasi-unsupported");
    LinkException e = assertThrows(LinkException.class, () -> linker.instantiate(component));
    assertTrue(e.getMessage().contains("wasi:random/random@0.2.0"), e.getMessage());
  }
}
