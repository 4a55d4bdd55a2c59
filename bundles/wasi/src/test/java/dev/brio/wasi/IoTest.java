package dev.brio.wasi;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.brio.component.binary.Component;
import dev.brio.component.link.ComponentInstance;
import dev.brio.component.link.HostFunctionException;
import dev.brio.component.link.Linker;
import dev.brio.component.values.BoolValue;
import dev.brio.component.values.ListValue;
import dev.brio.component.values.OptionValue;
import dev.brio.component.values.S64Value;
import dev.brio.component.values.StringValue;
import dev.brio.component.values.U32Value;
import dev.brio.component.values.U64Value;
import dev.brio.component.values.U8Value;
import dev.brio.component.values.Value;
import dev.brio.wasi.io.ByteLists;
import dev.brio.wasi.io.SinkOutputStream;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** wasi:io streams, pollables and errors under a hand-written guest (wasi-io.wat, WASI 0.2.3). */
class IoTest {
  private static final long HOUR = 3_600_000_000_000L;
  private static final long MS = 1_000_000L;

  private final ByteArrayOutputStream stdout = new ByteArrayOutputStream();

  private ComponentInstance instantiate(WasiConfig.Builder config) throws Exception {
    Component component = Fixtures.parse("wasi-io");
    Linker linker = new Linker();
    assertEquals(
        List.of(
            "wasi:io/error@0.2.3",
            "wasi:io/poll@0.2.3",
            "wasi:io/streams@0.2.3",
            "wasi:cli/stdin@0.2.3",
            "wasi:cli/stdout@0.2.3",
            "wasi:clocks/monotonic-clock@0.2.3",
            "wasi:cli/exit@0.2.3",
            "wasi:cli/environment@0.2.3"),
        new Wasi(config.build()).defineFor(component, linker));
    return linker.instantiate(component);
  }

  private ComponentInstance withStdin(byte[] input) throws Exception {
    return instantiate(
        WasiConfig.builder("io").stdin(new ByteArrayInputStream(input)).stdout(stdout));
  }

  private static long s64(Optional<Value> v) {
    return ((S64Value) v.orElseThrow()).value();
  }

  private static List<Long> indices(Optional<Value> v) {
    return ((ListValue) v.orElseThrow())
        .elements().stream().map(e -> ((U32Value) e).value()).toList();
  }

  @Test
  void blockingReadsThenClosedAtTheEndOfStdin() throws Exception {
    ComponentInstance io = withStdin("hello world".getBytes(StandardCharsets.UTF_8));
    assertEquals(5, s64(io.call("pipe", new U64Value(5))));
    assertEquals(6, s64(io.call("pipe", new U64Value(100))));
    assertEquals(-1, s64(io.call("pipe", new U64Value(100))), "closed at the end");
    assertEquals(-1, s64(io.call("pipe", new U64Value(1))), "and stays closed");
    assertEquals("hello world", stdout.toString(StandardCharsets.UTF_8));
  }

  @Test
  void spliceMovesStdinToStdout() throws Exception {
    ComponentInstance io = withStdin("0123456789".getBytes(StandardCharsets.UTF_8));
    assertEquals(4, s64(io.call("splice", new U64Value(4))));
    assertEquals(6, s64(io.call("splice", new U64Value(100))));
    assertEquals(-1, s64(io.call("splice", new U64Value(1))));
    assertEquals("0123456789", stdout.toString(StandardCharsets.UTF_8));
  }

  @Test
  void writesZeroesAndReportsRoomToWrite() throws Exception {
    ComponentInstance io = withStdin(new byte[0]);
    assertEquals(SinkOutputStream.WRITE_BUDGET, s64(io.call("check-write")));
    assertEquals(0, s64(io.call("write-zeroes", new U64Value(1000))));
    assertArrayEquals(new byte[1000], stdout.toByteArray());
  }

  @Test
  void aFailedWriteIsAnErrorResourceThenTheStreamIsClosed() throws Exception {
    OutputStream full =
        new OutputStream() {
          @Override
          public void write(int b) throws IOException {
            throw new IOException("disk full");
          }
        };
    ComponentInstance io = instantiate(WasiConfig.builder("io").stdout(full));
    Value bytes = ByteLists.toList("x".getBytes(StandardCharsets.UTF_8));
    assertEquals(
        Optional.of(new StringValue("write failed: java.io.IOException: disk full")),
        io.call("write-error", bytes));
    assertEquals(Optional.of(new StringValue("closed")), io.call("write-error", bytes));
  }

  @Test
  void aGoodWriteIsOk() throws Exception {
    ComponentInstance io = withStdin(new byte[0]);
    assertEquals(
        Optional.of(new StringValue("ok")),
        io.call("write-error", new ListValue(List.of(new U8Value('h'), new U8Value('i')))));
    assertEquals("hi", stdout.toString(StandardCharsets.UTF_8));
  }

  @Test
  void pollReturnsTheReadyTimersOnly() throws Exception {
    ComponentInstance io = withStdin(new byte[0]);
    assertEquals(List.of(0L), indices(io.call("poll-timers", new U64Value(0), new U64Value(HOUR))));
    assertEquals(List.of(1L), indices(io.call("poll-timers", new U64Value(HOUR), new U64Value(0))));
    assertEquals(
        List.of(0L, 1L), indices(io.call("poll-timers", new U64Value(0), new U64Value(0))));
    // neither is ready at first: poll waits for the earlier one
    assertEquals(
        List.of(0L), indices(io.call("poll-timers", new U64Value(20 * MS), new U64Value(HOUR))));
  }

  @Test
  void pollWakesForStdinBeforeALateTimer() throws Exception {
    ComponentInstance io = withStdin("x".getBytes(StandardCharsets.UTF_8));
    assertEquals(List.of(0L), indices(io.call("poll-stdin-or-timer", new U64Value(HOUR))));
  }

  @Test
  void pollWakesForATimerWhileStdinHasNothing() throws Exception {
    try (PipedOutputStream writer = new PipedOutputStream();
        PipedInputStream silent = new PipedInputStream(writer)) {
      ComponentInstance io = instantiate(WasiConfig.builder("io").stdin(silent).stdout(stdout));
      assertEquals(List.of(1L), indices(io.call("poll-stdin-or-timer", new U64Value(20 * MS))));
      writer.write('y');
      writer.flush();
      assertEquals(List.of(0L), indices(io.call("poll-stdin-or-timer", new U64Value(HOUR))));
      assertEquals(1, s64(io.call("pipe", new U64Value(10))));
      assertEquals("y", stdout.toString(StandardCharsets.UTF_8));
    }
  }

  @Test
  void aTimerIsReadyOnlyAtItsDeadline() throws Exception {
    ComponentInstance io = withStdin(new byte[0]);
    assertEquals(Optional.of(new BoolValue(true)), io.call("timer-ready", new U64Value(0)));
    assertEquals(Optional.of(new BoolValue(false)), io.call("timer-ready", new U64Value(HOUR)));
  }

  @Test
  void blockingOnATimerWaitsAtLeastItsDuration() throws Exception {
    ComponentInstance io = withStdin(new byte[0]);
    long slept = ((U64Value) io.call("sleep", new U64Value(20 * MS)).orElseThrow()).bits();
    assertTrue(slept >= 20 * MS, slept + " ns");
  }

  @Test
  void theInitialWorkingDirectoryIsTheConfiguredOne() throws Exception {
    assertEquals(
        Optional.of(OptionValue.some(new StringValue("/work"))),
        instantiate(WasiConfig.builder("io").initialCwd("/work")).call("initial-cwd"));
    assertEquals(Optional.of(OptionValue.none()), withStdin(new byte[0]).call("initial-cwd"));
  }

  @Test
  void exitWithCodeEndsTheCallWithTheCode() throws Exception {
    ComponentInstance io = withStdin(new byte[0]);
    HostFunctionException e =
        assertThrows(HostFunctionException.class, () -> io.call("exit-with-code", new U8Value(42)));
    assertEquals(42, assertInstanceOf(WasiExit.class, e.getCause()).code());
    // the engine is still usable: a new instance runs
    assertEquals(
        Optional.of(new BoolValue(true)),
        withStdin(new byte[0]).call("timer-ready", new U64Value(0)));
  }
}
