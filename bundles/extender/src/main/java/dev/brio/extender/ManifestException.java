package dev.brio.extender;

import java.nio.file.Path;

/** A manifest that cannot be used: names the file, the field (empty for the whole file) and why. */
public final class ManifestException extends Exception {
  private static final long serialVersionUID = 1L;

  private final transient Path file;
  private final String field;

  public ManifestException(Path file, String field, String problem) {
    super(field.isEmpty() ? file + ": " + problem : file + ": field " + field + ": " + problem);
    this.file = file;
    this.field = field;
  }

  public ManifestException(Path file, String problem, Throwable cause) {
    super(file + ": " + problem, cause);
    this.file = file;
    this.field = "";
  }

  public Path file() {
    return file;
  }

  /** The offending field, or empty when the file as a whole is wrong. */
  public String field() {
    return field;
  }
}
