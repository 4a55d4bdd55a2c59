package dev.brio.component.values;

/**
 * WAVE text that does not parse as a value of the expected type: {@link #line()} and {@link
 * #column()} (1-based, counted in code points) say where, the message what was expected there.
 */
public final class WaveException extends Exception {
  private final int line;
  private final int column;
  private final String problem;

  public WaveException(int line, int column, String problem) {
    super("at " + line + ":" + column + ": " + problem);
    this.line = line;
    this.column = column;
    this.problem = problem;
  }

  public int line() {
    return line;
  }

  public int column() {
    return column;
  }

  /** The message without the position. */
  public String problem() {
    return problem;
  }
}
