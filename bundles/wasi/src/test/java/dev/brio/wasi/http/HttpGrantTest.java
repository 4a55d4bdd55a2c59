package dev.brio.wasi.http;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class HttpGrantTest {
  private final HttpGrant grant = HttpGrant.of(List.of("127.0.0.1", "Example.org", "::1"));

  @Test
  void grantedHostsAnyPortAnyCase() {
    assertTrue(grant.allows("127.0.0.1:8080"));
    assertTrue(grant.allows("127.0.0.1"));
    assertTrue(grant.allows("EXAMPLE.ORG:443"));
    assertTrue(grant.allows("[::1]:80"));
  }

  @Test
  void everythingElseIsDenied() {
    assertFalse(grant.allows(""));
    assertFalse(grant.allows("example.com"));
    assertFalse(grant.allows("example.org.evil.com"));
    assertFalse(grant.allows("user@127.0.0.1"));
    assertFalse(grant.allows("127.0.0.1@evil.com"));
    assertFalse(grant.allows("127.0.0.1:http"));
    assertFalse(grant.allows("[::1"));
    assertFalse(grant.allows("[::1]x"));
    assertFalse(grant.allows("127.0.0.1\n:80"));
    assertFalse(grant.allows("127%2e0.0.1"));
    assertFalse(grant.allows("127.0.0.1/x"));
    assertFalse(HttpGrant.of(List.of()).allows("127.0.0.1:80"));
  }

  @Test
  void requestTargetsAreOriginFormOnly() {
    assertTrue(HttpTypes.isPathWithQuery("/"));
    assertTrue(HttpTypes.isPathWithQuery("/a/b?x=1&y=%20"));
    assertFalse(HttpTypes.isPathWithQuery(""));
    assertFalse(HttpTypes.isPathWithQuery("a/b"));
    assertFalse(HttpTypes.isPathWithQuery("/a b"));
    assertFalse(HttpTypes.isPathWithQuery("/a\r\nHost: evil"));
    assertFalse(HttpTypes.isPathWithQuery("/a#frag"));
  }
}
