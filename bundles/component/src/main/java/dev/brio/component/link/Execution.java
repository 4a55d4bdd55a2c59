package dev.brio.component.link;

/** How an {@link Engine} runs core modules. */
public enum Execution {
  /** Chicory's interpreter only: nothing is compiled. */
  INTERPRETER,
  /**
   * Chicory's runtime compiler, before the first instance is made (loading waits for it); the
   * interpreter runs a module whose compilation failed.
   */
  COMPILED,
  /**
   * The interpreter at once, while the module compiles on a background thread; calls that start
   * after the compiled code is ready run it. The mode for a kernel that loads components on demand.
   */
  INTERPRETER_THEN_COMPILED
}
