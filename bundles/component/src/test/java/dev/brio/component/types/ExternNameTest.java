package dev.brio.component.types;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ExternNameTest {

  @Test
  void parsesEveryKind() {
    assertEquals(new ExternName.Plain("log-level"), ExternName.parse("log-level"));
    assertEquals(new ExternName.Constructor("blob"), ExternName.parse("[constructor]blob"));
    assertEquals(new ExternName.Method("blob", "read"), ExternName.parse("[method]blob.read"));
    assertEquals(new ExternName.Static("blob", "merge"), ExternName.parse("[static]blob.merge"));
    assertEquals(
        new ExternName.Interface("wasi", "io", "streams", Optional.of(SemVer.parse("0.2.12"))),
        ExternName.parse("wasi:io/streams@0.2.12"));
    assertEquals(
        new ExternName.Interface("brio", "core", "tool", Optional.empty()),
        ExternName.parse("brio:core/tool"));
  }

  @Test
  void textRoundTrips() {
    for (String s :
        new String[] {
          "a",
          "HTTP3",
          "method-GET",
          "[constructor]a",
          "[method]a.b",
          "[static]a-b.c-d",
          "wasi:logging/logging@0.1.0-draft",
          "ns:pkg/iface"
        }) {
      assertEquals(s, ExternName.parse(s).text());
    }
  }

  @Test
  void strongUniquenessFollowsTheExplainer() {
    // names that collide with 'foo', '[constructor]foo', '[method]foo.bar', ...
    assertEquals(key("foo"), key("FOO"));
    assertEquals(key("foo-bar"), key("foo-BAR"));
    assertEquals(key("[constructor]foo"), key("[constructor]FOO"));
    assertEquals(key("[method]foo.bar"), key("[method]foo.BAR"));
    assertEquals(key("[method]foo.bar"), key("[static]foo.bar"));
    assertEquals(key("foo"), key("[method]foo.foo"));
    assertEquals(key("foo:bar/baz"), key("foo:bar/BAZ".replace("BAZ", "baz")));
    assertNotEquals(key("foo"), key("[constructor]foo"));
    assertNotEquals(key("foo"), key("foo-bar"));
  }

  private static String key(String name) {
    return ExternName.parse(name).uniquenessKey();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "1abc",
        "a_b",
        "aB",
        "a--b",
        "-a",
        "a-",
        "[method]a",
        "[other]a",
        "[static].b",
        "Wasi:io/streams",
        "wasi:/streams",
        "wasi:io/",
        "wasi:io/streams@",
        "wasi:io/streams@1",
        "a:b:c/d",
        "a:b/c/d",
        "a@b:c/d",
        "ns:pkg@1.0.0/x",
        "a/b:c"
      })
  void rejectsInvalidNames(String text) {
    assertThrows(IllegalArgumentException.class, () -> ExternName.parse(text));
  }
}
