package dev.brio.component.binary;

/**
 * A component binary is malformed or invalid. The only exception the parser throws for bad input:
 * {@link #offset()} is the byte offset (from the start of the outermost binary) where reading
 * failed, and the message says what was expected and what was found.
 */
public class ComponentFormatException extends Exception {
  private final long offset;
  private final String problem;

  public ComponentFormatException(long offset, String problem) {
    super("at offset " + offset + " (0x" + Long.toHexString(offset) + "): " + problem);
    this.offset = offset;
    this.problem = problem;
  }

  /** The byte offset of the problem. */
  public long offset() {
    return offset;
  }

  /** The message without the offset prefix. */
  public String problem() {
    return problem;
  }
}
