package dev.brio.component.types;

/** The lexical rules for labels and words of Explainer.md's name grammar. */
public final class Names {
  private Names() {}

  /** Whether this is a kebab-case {@code label}: fragments all-lowercase or all-uppercase. */
  public static boolean isLabel(String s) {
    if (s.isEmpty()) {
      return false;
    }
    String[] fragments = s.split("-", -1);
    for (int i = 0; i < fragments.length; i++) {
      String f = fragments[i];
      if (f.isEmpty()) {
        return false;
      }
      boolean lower = false;
      boolean upper = false;
      for (int j = 0; j < f.length(); j++) {
        char c = f.charAt(j);
        if (c >= 'a' && c <= 'z') {
          lower = true;
        } else if (c >= 'A' && c <= 'Z') {
          upper = true;
        } else if (!(c >= '0' && c <= '9') || (i == 0 && j == 0)) {
          return false;
        }
      }
      if (lower && upper) {
        return false;
      }
    }
    return true;
  }

  /** Whether this is {@code words}: lowercase fragments, the first starting with a letter. */
  public static boolean isWords(String s) {
    return isLabel(s) && s.equals(s.toLowerCase(java.util.Locale.ROOT));
  }

  static void checkLabel(String whole, String label) {
    if (!isLabel(label)) {
      throw new IllegalArgumentException(
          "name '" + whole + "': '" + label + "' is not a kebab-case label");
    }
  }

  static void checkWords(String whole, String words) {
    if (!isWords(words)) {
      throw new IllegalArgumentException(
          "name '" + whole + "': '" + words + "' is not lowercase kebab-case words");
    }
  }
}
