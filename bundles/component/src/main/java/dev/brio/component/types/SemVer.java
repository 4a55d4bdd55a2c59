package dev.brio.component.types;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A semantic version (semver.org 2.0.0) as used in interface names ({@code wasi:io/streams@0.2.12})
 * and compared by semver precedence: build metadata is ignored, a pre-release ranks below its
 * release ({@code 0.1.0-draft < 0.1.0}), pre-release identifiers compare numerically when numeric,
 * numeric below alphanumeric, and a longer identifier list ranks above its prefix.
 */
public record SemVer(long major, long minor, long patch, List<String> preRelease, String build)
    implements Comparable<SemVer> {

  public SemVer {
    if (major < 0 || minor < 0 || patch < 0) {
      throw new IllegalArgumentException("negative version number");
    }
    preRelease = List.copyOf(preRelease);
    Objects.requireNonNull(build, "build");
  }

  /** Parses {@code MAJOR.MINOR.PATCH[-PRE][+BUILD]} strictly. */
  public static SemVer parse(String text) {
    int plus = text.indexOf('+');
    String build = plus < 0 ? "" : text.substring(plus + 1);
    String rest = plus < 0 ? text : text.substring(0, plus);
    int dash = rest.indexOf('-');
    String core = dash < 0 ? rest : rest.substring(0, dash);
    List<String> pre = new ArrayList<>();
    if (dash >= 0) {
      for (String id : rest.substring(dash + 1).split("\\.", -1)) {
        checkIdentifier(text, id, true);
        pre.add(id);
      }
    }
    if (plus >= 0) {
      for (String id : build.split("\\.", -1)) {
        checkIdentifier(text, id, false);
      }
    }
    String[] numbers = core.split("\\.", -1);
    if (numbers.length != 3) {
      throw new IllegalArgumentException(
          "invalid semver '" + text + "': expected MAJOR.MINOR.PATCH");
    }
    return new SemVer(
        number(text, numbers[0]), number(text, numbers[1]), number(text, numbers[2]), pre, build);
  }

  private static long number(String text, String digits) {
    if (digits.isEmpty()
        || digits.length() > 18
        || !digits.chars().allMatch(c -> c >= '0' && c <= '9')
        || (digits.length() > 1 && digits.charAt(0) == '0')) {
      throw new IllegalArgumentException(
          "invalid semver '" + text + "': '" + digits + "' is not a version number");
    }
    return Long.parseLong(digits);
  }

  private static void checkIdentifier(String text, String id, boolean numericWithoutLeadingZero) {
    boolean ok =
        !id.isEmpty()
            && id.chars()
                .allMatch(
                    c ->
                        (c >= '0' && c <= '9')
                            || (c >= 'a' && c <= 'z')
                            || (c >= 'A' && c <= 'Z')
                            || c == '-');
    if (ok
        && numericWithoutLeadingZero
        && isNumeric(id)
        && id.length() > 1
        && id.charAt(0) == '0') {
      ok = false;
    }
    if (!ok) {
      throw new IllegalArgumentException(
          "invalid semver '" + text + "': bad identifier '" + id + "'");
    }
  }

  private static boolean isNumeric(String id) {
    return !id.isEmpty() && id.chars().allMatch(c -> c >= '0' && c <= '9');
  }

  /** Whether this is a pre-release version. */
  public boolean isPreRelease() {
    return !preRelease.isEmpty();
  }

  /**
   * The canonical version of Explainer.md's canonical interface names: the major version if it is
   * not 0, else {@code 0.minor} if minor is not 0, else {@code 0.0.patch}.
   */
  public String canonVersion() {
    if (major > 0) {
      return Long.toString(major);
    }
    if (minor > 0) {
      return "0." + minor;
    }
    return "0.0." + patch;
  }

  @Override
  public int compareTo(SemVer other) {
    int c = Long.compare(major, other.major);
    if (c == 0) {
      c = Long.compare(minor, other.minor);
    }
    if (c == 0) {
      c = Long.compare(patch, other.patch);
    }
    if (c != 0) {
      return c;
    }
    if (preRelease.isEmpty() || other.preRelease.isEmpty()) {
      // A release ranks above any of its pre-releases.
      return Boolean.compare(preRelease.isEmpty(), other.preRelease.isEmpty());
    }
    for (int i = 0; i < Math.min(preRelease.size(), other.preRelease.size()); i++) {
      c = compareIdentifiers(preRelease.get(i), other.preRelease.get(i));
      if (c != 0) {
        return c;
      }
    }
    return Integer.compare(preRelease.size(), other.preRelease.size());
  }

  private static int compareIdentifiers(String a, String b) {
    boolean an = isNumeric(a);
    boolean bn = isNumeric(b);
    if (an && bn) {
      // no leading zeros: the longer number is the larger one
      return a.length() != b.length() ? Integer.compare(a.length(), b.length()) : a.compareTo(b);
    }
    if (an != bn) {
      return an ? -1 : 1;
    }
    return a.compareTo(b);
  }

  /** Equal precedence (build metadata ignored), unlike {@link #equals}. */
  public boolean samePrecedence(SemVer other) {
    return compareTo(other) == 0;
  }

  @Override
  public String toString() {
    var s = new StringBuilder().append(major).append('.').append(minor).append('.').append(patch);
    if (!preRelease.isEmpty()) {
      s.append('-').append(String.join(".", preRelease));
    }
    if (!build.isEmpty()) {
      s.append('+').append(build);
    }
    return s.toString();
  }
}
