package dev.brio.vfs;

/**
 * Named points of a commit, reported as the commit passes them: {@code after-intent}, {@code
 * mid-staging}, {@code after-staging}, {@code after-journal}, {@code after-op-<n>} (1-based),
 * {@code before-done}, {@code after-done}.
 *
 * <p>Test hook: with the system property {@code brio.vfs.crashAt=<step>} the JVM halts with status
 * 137 (as if SIGKILLed) the moment the commit reaches that step, so the crash test can check that
 * recovery leaves the base all-old or all-new from every point. Without the property it does
 * nothing.
 */
@FunctionalInterface
public interface CommitSteps {

  String CRASH_AT_PROPERTY = "brio.vfs.crashAt";

  void reached(String step);

  /** Does nothing. */
  static CommitSteps none() {
    return step -> {};
  }

  /** Halts the JVM at the step named by {@value #CRASH_AT_PROPERTY}, if it is set. */
  static CommitSteps fromSystemProperty() {
    String crashAt = System.getProperty(CRASH_AT_PROPERTY);
    if (crashAt == null || crashAt.isBlank()) {
      return none();
    }
    return step -> {
      if (step.equals(crashAt)) {
        Runtime.getRuntime().halt(137);
      }
    };
  }
}
