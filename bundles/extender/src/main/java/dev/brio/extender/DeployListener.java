package dev.brio.extender;

/** Hears what the extender did with each component, for the log, the event log and the status. */
interface DeployListener {
  void deployed(String name, ComponentManifest manifest, String file);

  void removed(String name, String target);

  void refused(String name, String file, DeployException problem);

  /** Both files of component {@code name} are gone (after its removal, if it was deployed). */
  default void forgotten(String name) {}

  /** Tells {@code first}, then {@code second}. */
  static DeployListener both(DeployListener first, DeployListener second) {
    return new DeployListener() {
      @Override
      public void deployed(String name, ComponentManifest manifest, String file) {
        first.deployed(name, manifest, file);
        second.deployed(name, manifest, file);
      }

      @Override
      public void removed(String name, String target) {
        first.removed(name, target);
        second.removed(name, target);
      }

      @Override
      public void refused(String name, String file, DeployException problem) {
        first.refused(name, file, problem);
        second.refused(name, file, problem);
      }

      @Override
      public void forgotten(String name) {
        first.forgotten(name);
        second.forgotten(name);
      }
    };
  }
}
