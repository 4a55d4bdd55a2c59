package dev.brio.kernel;

import dev.brio.api.mesh.Caller;
import dev.brio.api.mesh.Mesh;
import dev.brio.api.mesh.MeshException;
import dev.brio.api.mesh.Payload;
import java.io.IOException;
import java.io.Reader;
import java.io.StringWriter;
import java.time.Duration;
import java.util.Set;

/**
 * {@code brio call}: a mesh call made by the operator through the control socket, as the caller
 * {@value #CALLER}. The socket is readable by the kernel's owner only; whoever can use it can
 * already stop the kernel, so the operator may call any target.
 *
 * <p>Request: the line {@code call<TAB>target<TAB>method<TAB>timeout-ms}, then the JSON payload up
 * to the end of the stream. Answer: {@code ok} and the JSON answer, or {@code error} and the mesh's
 * error text.
 */
final class OperatorCalls {
  static final String COMMAND = "call";
  static final String CALLER = "operator";

  private volatile Mesh mesh;

  synchronized void use(Mesh available) {
    this.mesh = available;
  }

  /** Forgets {@code gone} unless a replacement was bound already. */
  synchronized void stopUsing(Mesh gone) {
    if (mesh == gone) {
      mesh = null;
    }
  }

  String answer(String request, Reader payload) throws IOException {
    String[] parts = request.split("\t", -1);
    if (parts.length != 4) {
      return "error\nmalformed call request: expected call, target, method and timeout\n";
    }
    long timeoutMs;
    try {
      timeoutMs = Long.parseLong(parts[3]);
    } catch (NumberFormatException e) {
      return "error\nmalformed timeout: " + parts[3] + "\n";
    }
    if (timeoutMs <= 0) {
      return "error\nthe timeout must be positive: " + timeoutMs + "\n";
    }
    Mesh current = mesh;
    if (current == null) {
      return "error\nthe mesh is not running\n";
    }
    var text = new StringWriter();
    payload.transferTo(text);
    var operator = new Caller(CALLER, Set.of(Caller.ANY_TARGET), Duration.ofMillis(timeoutMs));
    try {
      return switch (current.call(operator, parts[1], parts[2], Payload.json(text.toString()))) {
        case Payload.Json json -> "ok\n" + json.text() + "\n";
        case Payload.Binary binary -> "ok\n(" + binary.length() + " bytes of binary payload)\n";
      };
    } catch (MeshException e) {
      return "error\n" + e.getMessage() + "\n";
    }
  }
}
