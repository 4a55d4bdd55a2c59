package dev.brio.vfs;

/**
 * Named points of a commit, reported as the commit passes them, in this order:
 *
 * <ul>
 *   <li>{@code after-intent}: the staging intent is durable (the first round of syncs);
 *   <li>{@code mid-staging}: the first stage is written;
 *   <li>{@code after-staging}: every stage is written, none synced yet;
 *   <li>{@code after-journal}: the journal is written too, the round that syncs it with the stages
 *       not yet run;
 *   <li>{@code after-commit-point}: that round has completed;
 *   <li>{@code after-op-<n>} (1-based): the journal's n-th step is applied;
 *   <li>{@code before-done}: every step is applied and the directories they touched are synced;
 *   <li>{@code after-done}: the journal is marked done.
 * </ul>
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
