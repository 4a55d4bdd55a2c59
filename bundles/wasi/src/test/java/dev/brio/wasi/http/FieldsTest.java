package dev.brio.wasi.http;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FieldsTest {
  private static byte[] b(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  private static HeaderError refusal(HeaderErrorCall call) {
    return assertThrows(HeaderError.Refused.class, call::run).error();
  }

  @FunctionalInterface
  interface HeaderErrorCall {
    void run() throws HeaderError.Refused;
  }

  @Test
  void namesAreCaseInsensitiveAndValuesKeepTheirOrder() throws Exception {
    Fields f = new Fields(false);
    f.append("Accept", b("text/plain"));
    f.append("accept", b("application/json"));
    f.append("X-Id", b("7"));
    assertEquals(2, f.get("ACCEPT").size());
    assertArrayEquals(b("application/json"), f.get("accept").get(1));
    assertTrue(f.has("x-id"));
    f.set("accept", List.of(b("*/*")));
    assertEquals(1, f.get("accept").size());
    f.delete("X-ID");
    assertFalse(f.has("x-id"));
  }

  @Test
  void badNamesAndValuesAreInvalidSyntax() {
    Fields f = new Fields(false);
    assertEquals(HeaderError.INVALID_SYNTAX, refusal(() -> f.append("bad name", b("v"))));
    assertEquals(HeaderError.INVALID_SYNTAX, refusal(() -> f.append("", b("v"))));
    assertEquals(HeaderError.INVALID_SYNTAX, refusal(() -> f.append("x", b("a\r\nInjected: yes"))));
    assertEquals(
        HeaderError.INVALID_SYNTAX,
        refusal(() -> Fields.fromList(List.of(Map.entry("x y", b("v"))), false)));
    assertTrue(f.entries().isEmpty());
  }

  /** Every byte: controls but HTAB and DEL are refused; space, visible ASCII, obs-text pass. */
  @Test
  void valueBytesFollowRfc9110() throws Exception {
    Fields f = new Fields(false);
    for (int b = 0; b < 256; b++) {
      byte[] value = {'a', (byte) b, 'z'};
      boolean allowed = b == '\t' || (b >= 0x20 && b != 0x7f);
      if (allowed) {
        f.append("x", value);
        f.set("y", List.of(value));
        Fields.fromList(List.of(Map.entry("z", value)), false);
      } else {
        String what = "byte " + b;
        assertEquals(HeaderError.INVALID_SYNTAX, refusal(() -> f.append("x", value)), what);
        assertEquals(HeaderError.INVALID_SYNTAX, refusal(() -> f.set("y", List.of(value))), what);
        assertEquals(
            HeaderError.INVALID_SYNTAX,
            refusal(() -> Fields.fromList(List.of(Map.entry("z", value)), false)),
            what);
      }
    }
    assertEquals(256 - 32 + 1 - 1, f.get("x").size());
  }

  @Test
  void hopByHopAndHostAreForbidden() {
    Fields f = new Fields(false);
    assertEquals(HeaderError.FORBIDDEN, refusal(() -> f.append("Host", b("elsewhere"))));
    assertEquals(HeaderError.FORBIDDEN, refusal(() -> f.set("Connection", List.of(b("close")))));
    assertEquals(
        HeaderError.FORBIDDEN,
        refusal(() -> Fields.fromList(List.of(Map.entry("transfer-encoding", b("x"))), false)));
  }

  @Test
  void immutableFieldsRefuseEveryChange() throws Exception {
    Fields f = Fields.fromList(List.of(Map.entry("a", b("1"))), true);
    assertEquals(HeaderError.IMMUTABLE, refusal(() -> f.append("a", b("2"))));
    assertEquals(HeaderError.IMMUTABLE, refusal(() -> f.set("a", List.of())));
    assertEquals(HeaderError.IMMUTABLE, refusal(() -> f.delete("a")));
    Fields copy = f.copy(false);
    copy.append("a", b("2"));
    assertEquals(1, f.get("a").size());
    assertEquals(2, copy.get("a").size());
  }

  @Test
  void receivedFieldsLeaveOutHopByHopOnes() {
    Fields f =
        Fields.received(
            Map.of(
                "Content-Type", List.of("text/plain"),
                "Transfer-Encoding", List.of("chunked"),
                "Connection", List.of("keep-alive")));
    assertEquals(1, f.entries().size());
    assertEquals("content-type", f.entries().getFirst().getKey());
    assertTrue(f.immutable());
  }
}
