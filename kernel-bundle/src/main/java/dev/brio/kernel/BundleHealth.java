package dev.brio.kernel;

/** One bundle as the health report sees it. */
record BundleHealth(long id, String symbolicName, String version, String state, boolean fragment) {

  /** A fragment is attached to its host and never ACTIVE; every other bundle must be ACTIVE. */
  boolean healthy() {
    return fragment ? state.equals("RESOLVED") : state.equals("ACTIVE");
  }
}
