package dev.brio.component.types;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SemVerTest {

  @Test
  void parsesAllParts() {
    SemVer v = SemVer.parse("1.2.3-rc.1+build.5");
    assertEquals(new SemVer(1, 2, 3, List.of("rc", "1"), "build.5"), v);
    assertEquals("1.2.3-rc.1+build.5", v.toString());
    assertTrue(v.isPreRelease());
  }

  @Test
  void precedenceFollowsSemverOrg() {
    // the example ordering of semver.org section 11
    List<String> ordered =
        List.of(
            "0.1.0-draft",
            "0.1.0",
            "0.2.1",
            "0.2.12",
            "1.0.0-alpha",
            "1.0.0-alpha.1",
            "1.0.0-alpha.beta",
            "1.0.0-beta",
            "1.0.0-beta.2",
            "1.0.0-beta.11",
            "1.0.0-rc.1",
            "1.0.0",
            "2.0.0",
            "10.0.0");
    List<SemVer> shuffled = new ArrayList<>(ordered.stream().map(SemVer::parse).toList());
    Collections.shuffle(shuffled, new java.util.Random(7));
    Collections.sort(shuffled);
    assertEquals(ordered, shuffled.stream().map(SemVer::toString).toList());
  }

  @Test
  void buildMetadataDoesNotAffectPrecedence() {
    assertTrue(SemVer.parse("1.0.0+a").samePrecedence(SemVer.parse("1.0.0+b")));
    assertFalse(SemVer.parse("1.0.0+a").equals(SemVer.parse("1.0.0+b")));
  }

  @Test
  void canonicalVersions() {
    assertEquals("1", SemVer.parse("1.2.3").canonVersion());
    assertEquals("0.2", SemVer.parse("0.2.12").canonVersion());
    assertEquals("0.0.1", SemVer.parse("0.0.1-alpha").canonVersion());
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "1",
        "1.2",
        "1.2.3.4",
        "01.2.3",
        "1.2.3-",
        "1.2.3-01",
        "1.2.3+",
        "a.b.c",
        "1.2.3-a..b",
        "-1.2.3"
      })
  void rejectsInvalidVersions(String text) {
    assertThrows(IllegalArgumentException.class, () -> SemVer.parse(text));
  }
}
