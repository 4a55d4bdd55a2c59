package dev.brio.benchmarks;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.brio.api.mesh.Payload;
import org.junit.jupiter.api.Test;

/** Runs both sides of the mesh-hop benchmark once, untimed, and checks they echo the payload. */
class MeshHopBenchmarkSmokeTest {
  private final MeshHopBenchmark benchmark = new MeshHopBenchmark();

  @Test
  void meshHopEchoesThePayload() throws Exception {
    var mesh = new MeshHopBenchmark.Mesh();
    mesh.start();
    try {
      assertEquals(Payload.json(MeshHopBenchmark.PAYLOAD_1K), benchmark.meshHop(mesh));
      assertEquals(Payload.json(MeshHopBenchmark.PAYLOAD_1K), benchmark.meshHopOnCaller(mesh));
    } finally {
      mesh.stop();
    }
  }

  @Test
  void httpHopEchoesThePayload() throws Exception {
    var http = new MeshHopBenchmark.Http();
    http.start();
    try {
      assertEquals(MeshHopBenchmark.PAYLOAD_1K, benchmark.httpHop(http));
      assertEquals(1024, MeshHopBenchmark.PAYLOAD_1K.length());
    } finally {
      http.stop();
    }
  }
}
