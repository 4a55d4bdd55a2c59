package dev.brio.benchmarks;

import com.dylibso.chicory.compiler.MachineFactoryCompiler;
import dev.brio.api.mesh.Caller;
import dev.brio.api.mesh.MeshException;
import dev.brio.api.mesh.Payload;
import dev.brio.component.link.Engine;
import dev.brio.extender.ComponentManifest;
import dev.brio.extender.DeployException;
import dev.brio.extender.Deployer;
import dev.brio.extender.roles.Role;
import dev.brio.mesh.Switchboard;
import java.io.IOException;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * The mesh hop between two Wasm components with a 1 KiB JSON payload: the host calls component
 * {@code relay}, which calls component {@code upper} through {@code service-mesh.call} and answers
 * what it got back ({@code twoComponents}). Beside it, the host calling {@code relay} alone, which
 * answers by itself ({@code oneComponent}): the difference is one component → mesh → component →
 * back hop (lift from the caller, the mailbox and thread hand-offs, lower into the target, and the
 * same for the answer). Both components are the {@code mesh-tool} fixture on Chicory's compiler,
 * deployed by the extender's {@link Deployer} into a real {@link Switchboard}.
 */
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(
    value = 1,
    jvmArgsAppend = {"--enable-native-access=ALL-UNNAMED", "--sun-misc-unsafe-memory-access=allow"})
public class WasmHopBenchmark {
  private static final Caller HOST = new Caller("bench", Set.of("relay"), Duration.ofSeconds(10));

  @State(Scope.Benchmark)
  public static class Components {
    Switchboard switchboard;
    Deployer deployer;
    // lower-case text, so the terminal component's upper-casing does real work on every byte
    final Payload payload = Payload.json(MeshHopBenchmark.PAYLOAD_1K);

    @Setup
    public void start() throws IOException, DeployException {
      switchboard = new Switchboard();
      deployer =
          new Deployer(
              Engine.builder().machines(MachineFactoryCompiler::compile).build(),
              switchboard,
              switchboard);
      byte[] wasm = ComponentCallBenchmark.fixture("mesh-tool");
      deployer.deploy("upper", wasm, manifest("upper", Set.of()));
      deployer.deploy("relay", wasm, manifest("relay", Set.of("upper")));
    }

    private static ComponentManifest manifest(String target, Set<String> grants) {
      return new ComponentManifest(Role.TOOL, target, grants, 1, Duration.ofSeconds(10), 64);
    }

    @TearDown
    public void stop() {
      deployer.close();
      switchboard.close();
    }
  }

  @Benchmark
  public Payload twoComponents(Components c) throws MeshException {
    return c.switchboard.call(HOST, "relay", "upper/hop", c.payload);
  }

  @Benchmark
  public Payload oneComponent(Components c) throws MeshException {
    return c.switchboard.call(HOST, "relay", "hop", c.payload);
  }
}
