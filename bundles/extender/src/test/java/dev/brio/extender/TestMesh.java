package dev.brio.extender;

import com.dylibso.chicory.compiler.MachineFactoryCompiler;
import dev.brio.api.mesh.Caller;
import dev.brio.component.link.Engine;
import dev.brio.extender.roles.Role;
import dev.brio.mesh.Switchboard;
import java.time.Duration;
import java.util.Set;

/** A real switchboard with a deployer of components in front of it, for one test. */
final class TestMesh implements AutoCloseable {
  static final Engine COMPILED = Engine.builder().machines(MachineFactoryCompiler::compile).build();
  static final Caller OPERATOR = new Caller("operator", Set.of("*"), Duration.ofSeconds(10));

  final Switchboard switchboard = new Switchboard();
  final Deployer deployer = new Deployer(COMPILED, switchboard, switchboard);

  static ComponentManifest tool(String target, int pool, String... grants) {
    return new ComponentManifest(
        Role.TOOL, target, Set.of(grants), pool, Duration.ofSeconds(30), 64);
  }

  @Override
  public void close() {
    deployer.close();
    switchboard.close();
  }
}
