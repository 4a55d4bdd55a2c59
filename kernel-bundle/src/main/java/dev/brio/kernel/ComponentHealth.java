package dev.brio.kernel;

/**
 * One Declarative Services component configuration. {@code problem} is empty when the component is
 * satisfied or active, and otherwise says what it waits for or why it failed.
 */
record ComponentHealth(String name, String bundle, String state, String problem) {

  boolean healthy() {
    return problem.isEmpty();
  }
}
