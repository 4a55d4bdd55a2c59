package dev.brio.benchmarks;

import com.dylibso.chicory.compiler.MachineFactoryCompiler;
import dev.brio.component.binary.Component;
import dev.brio.component.binary.ComponentParser;
import dev.brio.component.link.ComponentInstance;
import dev.brio.component.link.Engine;
import dev.brio.component.link.Linker;
import dev.brio.component.values.S64Value;
import dev.brio.component.values.U64Value;
import dev.brio.wasi.Wasi;
import dev.brio.wasi.WasiConfig;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.WritableByteChannel;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * 1 MiB moved through wasi:io streams by a guest — it {@code blocking-read}s its stdin and {@code
 * blocking-write-and-flush}es every chunk to its stdout (wasi-io.wat's {@code pipe}, on the runtime
 * compiler) — against the same bytes moved by plain NIO channels over the same source and sink, in
 * chunks of the same 64 KiB. The ratio of the two is the cost of WASI streams and the canonical
 * ABI's {@code list<u8>}.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(
    value = 1,
    jvmArgsAppend = {"--enable-native-access=ALL-UNNAMED", "--sun-misc-unsafe-memory-access=allow"})
public class WasiStreamsBenchmark {
  static final int MIB = 1 << 20;
  static final int CHUNK = 64 * 1024;

  /** An endless source of bytes (so one instance serves every iteration). */
  static final class Endless extends InputStream {
    private final byte[] pattern = new byte[CHUNK];

    Endless() {
      Arrays.fill(pattern, (byte) 'x');
    }

    @Override
    public int read() {
      return 'x';
    }

    @Override
    public int read(byte[] b, int off, int len) {
      int n = Math.min(len, pattern.length);
      System.arraycopy(pattern, 0, b, off, n);
      return n;
    }
  }

  /** A sink that counts what it was given. */
  static final class Counting extends OutputStream {
    long count;

    @Override
    public void write(int b) {
      count++;
    }

    @Override
    public void write(byte[] b, int off, int len) {
      count += len;
    }
  }

  /** The wasi-io guest with an endless stdin and a counting stdout. */
  @State(Scope.Benchmark)
  public static class Guest {
    ComponentInstance instance;
    final Counting stdout = new Counting();

    @Setup
    public void load() throws Exception {
      Component component = ComponentParser.parse(ComponentCallBenchmark.fixture("wasi-io"));
      Linker linker =
          new Linker(Engine.builder().machines(MachineFactoryCompiler::compile).build());
      new Wasi(WasiConfig.builder("bench").stdin(new Endless()).stdout(stdout).build())
          .defineFor(component, linker);
      instance = linker.instantiate(component);
    }
  }

  /** The same source and sink as NIO channels. */
  @State(Scope.Benchmark)
  public static class Nio {
    ReadableByteChannel in;
    WritableByteChannel out;
    final Counting stdout = new Counting();
    final ByteBuffer buffer = ByteBuffer.allocate(CHUNK);

    @Setup
    public void open() {
      in = Channels.newChannel(new Endless());
      out = Channels.newChannel(stdout);
    }
  }

  @Benchmark
  public long guestPipesOneMebibyte(Guest g) {
    long moved = 0;
    U64Value chunk = new U64Value(CHUNK);
    while (moved < MIB) {
      moved += ((S64Value) g.instance.call("pipe", chunk).orElseThrow()).value();
    }
    return moved;
  }

  @Benchmark
  public long nioPipesOneMebibyte(Nio n) throws IOException {
    long moved = 0;
    while (moved < MIB) {
      n.buffer.clear();
      moved += n.in.read(n.buffer);
      n.buffer.flip();
      while (n.buffer.hasRemaining()) {
        n.out.write(n.buffer);
      }
    }
    return moved;
  }
}
