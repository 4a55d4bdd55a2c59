package dev.brio.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.brio.api.mesh.Payload;
import dev.brio.api.mesh.TargetSpec;
import dev.brio.mesh.Switchboard;
import java.io.StringReader;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class OperatorCallsTest {
  private final Switchboard mesh = new Switchboard();
  private final OperatorCalls calls = new OperatorCalls();

  @AfterEach
  void close() {
    mesh.close();
  }

  private String ask(String request, String payload) throws Exception {
    return calls.answer(request, new StringReader(payload));
  }

  @Test
  void callsTheTargetAsTheOperatorWithThePayload() throws Exception {
    mesh.register(
        new TargetSpec("greeter", Duration.ofSeconds(5), 4),
        List.of(
            (call, args) ->
                Payload.json(
                    "{\"from\":\""
                        + call.caller()
                        + "\",\"args\":"
                        + ((Payload.Json) args).text()
                        + "}")));
    calls.use(mesh);
    assertEquals(
        "ok\n{\"from\":\"operator\",\"args\":{\"a\":\n1}}\n",
        ask("call\tgreeter\thi\t5000", "{\"a\":\n1}"));
  }

  @Test
  void badRequestsAndAMissingMeshAreErrorsNotExceptions() throws Exception {
    assertEquals("error\nthe mesh is not running\n", ask("call\tx\ty\t100", "{}"));
    calls.use(mesh);
    assertEquals(
        "error\nmalformed call request: expected call, target, method and timeout\n",
        ask("call\tx", "{}"));
    assertEquals("error\nmalformed timeout: soon\n", ask("call\tx\ty\tsoon", "{}"));
    assertEquals("error\nthe timeout must be positive: 0\n", ask("call\tx\ty\t0", "{}"));
    assertEquals(
        "error\nunknown target: no target named x (registered: [])\n",
        ask("call\tx\ty\t100", "{}"));
  }
}
