package dev.brio.mesh;

import static dev.brio.mesh.Targets.KERNEL;
import static dev.brio.mesh.Targets.pool;
import static dev.brio.mesh.Targets.spec;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.brio.api.mesh.MeshErrorKind;
import dev.brio.api.mesh.MeshException;
import dev.brio.api.mesh.MeshRegistry.Registration;
import dev.brio.api.mesh.MeshTarget;
import dev.brio.api.mesh.Payload;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Java services on a real switchboard: first come, first served by name, and a service refused its
 * name takes it as soon as the holder (Java or Wasm) leaves.
 */
class JavaTargetsTest {
  private final Switchboard mesh = new Switchboard();
  private final JavaTargets services = new JavaTargets(mesh);

  @AfterEach
  void close() {
    mesh.close();
  }

  private static MeshTarget answering(String text) {
    return (call, args) -> Payload.json("\"" + text + "\"");
  }

  private String ask(String target) throws MeshException {
    return ((Payload.Json) mesh.call(KERNEL, target, "who", Payload.json("{}"))).text();
  }

  private static JavaTargets.Offer offer(String name) {
    return new JavaTargets.Offer(spec(name, 4), 1);
  }

  @Test
  void aServiceRefusedItsNameTakesItWhenTheHolderLeaves() throws Exception {
    MeshTarget first = answering("first");
    MeshTarget second = answering("second");
    services.add(first, offer("search"));
    services.add(second, offer("search"));

    assertEquals("\"first\"", ask("search"));
    assertEquals(List.of("search"), services.waiting());

    services.remove(first);
    assertEquals("\"second\"", ask("search"));
    assertEquals(List.of(), services.waiting());
  }

  @Test
  void aServiceWaitingBehindAWasmComponentTakesTheNameWhenTheComponentIsRemoved() throws Exception {
    Registration component = mesh.register(spec("search", 4), pool(answering("wasm"), 1));
    services.add(answering("java"), offer("search"));
    assertEquals("\"wasm\"", ask("search"));

    component.close();
    assertEquals("\"java\"", ask("search"));
  }

  @Test
  void aHotSwapOfTheHolderKeepsTheNameFromTheWaitingService() throws Exception {
    Registration v1 = mesh.register(spec("search", 4), pool(answering("wasm v1"), 1));
    services.add(answering("java"), offer("search"));

    Registration v2 = v1.replace(spec("search", 4), pool(answering("wasm v2"), 1));
    assertEquals("\"wasm v2\"", ask("search"));
    assertEquals(List.of("search"), services.waiting());

    v1.close(); // the replaced registration no longer holds anything
    assertEquals("\"wasm v2\"", ask("search"));
    v2.close();
    assertEquals("\"java\"", ask("search"));
  }

  @Test
  void aHotSwapUnderANewNameFreesTheOldOne() throws Exception {
    Registration v1 = mesh.register(spec("search", 4), pool(answering("wasm v1"), 1));
    services.add(answering("java"), offer("search"));

    v1.replace(spec("find", 4), pool(answering("wasm v2"), 1));
    assertEquals("\"wasm v2\"", ask("find"));
    assertEquals("\"java\"", ask("search"));
  }

  @Test
  void aHotSwapOntoATakenNameFailsAndLeavesTheTargetInPlace() throws Exception {
    Registration v1 = mesh.register(spec("search", 4), pool(answering("wasm v1"), 1));
    services.add(answering("java"), offer("find"));

    assertThrows(
        IllegalStateException.class,
        () -> v1.replace(spec("find", 4), pool(answering("wasm v2"), 1)));
    assertEquals("\"wasm v1\"", ask("search"));
    assertEquals("\"java\"", ask("find"));
  }

  @Test
  void waitersTakeTheNameInArrivalOrder() throws Exception {
    MeshTarget holder = answering("holder");
    MeshTarget early = answering("early");
    MeshTarget late = answering("late");
    services.add(holder, offer("search"));
    services.add(early, offer("search"));
    services.add(late, offer("search"));

    services.remove(holder);
    assertEquals("\"early\"", ask("search"));
    services.remove(early);
    assertEquals("\"late\"", ask("search"));
  }

  @Test
  void aWaitingServiceRemovedBeforeItsTurnNeverRegisters() throws Exception {
    MeshTarget holder = answering("holder");
    MeshTarget gone = answering("gone");
    services.add(holder, offer("search"));
    services.add(gone, offer("search"));

    services.remove(gone);
    services.remove(holder);
    MeshException e = assertThrows(MeshException.class, () -> ask("search"));
    assertEquals(MeshErrorKind.UNKNOWN_TARGET, e.kind());
  }

  @Test
  void otherNamesAreNotDisturbed() throws Exception {
    services.add(answering("a"), offer("alpha"));
    MeshTarget beta = answering("b");
    services.add(beta, offer("beta"));
    services.add(answering("b2"), offer("beta"));

    services.remove(beta);
    assertEquals("\"a\"", ask("alpha"));
    assertEquals("\"b2\"", ask("beta"));
  }
}
