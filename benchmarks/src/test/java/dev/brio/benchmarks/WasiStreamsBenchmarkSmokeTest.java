package dev.brio.benchmarks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Runs both sides of the WASI streams benchmark, untimed, and checks the bytes they moved. */
class WasiStreamsBenchmarkSmokeTest {
  private final WasiStreamsBenchmark benchmark = new WasiStreamsBenchmark();

  @Test
  void theGuestMovesAMebibyteEveryTime() throws Exception {
    var guest = new WasiStreamsBenchmark.Guest();
    guest.load();
    long total = 0;
    for (int round = 0; round < 8; round++) {
      long moved = benchmark.guestPipesOneMebibyte(guest);
      assertTrue(moved >= WasiStreamsBenchmark.MIB, moved + " bytes");
      total += moved;
      assertEquals(total, guest.stdout.count, "what the guest read reached its stdout");
    }
  }

  @Test
  void nioMovesAMebibyte() throws Exception {
    var nio = new WasiStreamsBenchmark.Nio();
    nio.open();
    assertEquals(WasiStreamsBenchmark.MIB, benchmark.nioPipesOneMebibyte(nio));
    assertEquals(WasiStreamsBenchmark.MIB, nio.stdout.count);
  }
}
