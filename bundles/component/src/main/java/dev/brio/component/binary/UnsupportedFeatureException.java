package dev.brio.component.binary;

/**
 * The binary is well-formed but uses a feature Brio refuses, such as the async (P3) or threads
 * canonical built-ins; {@link #feature()} names it as the text format does (e.g. {@code
 * task.return}).
 */
public final class UnsupportedFeatureException extends ComponentFormatException {
  private final String feature;

  public UnsupportedFeatureException(long offset, String feature, String why) {
    super(offset, "unsupported feature '" + feature + "': " + why);
    this.feature = feature;
  }

  /** The feature's name. */
  public String feature() {
    return feature;
  }
}
