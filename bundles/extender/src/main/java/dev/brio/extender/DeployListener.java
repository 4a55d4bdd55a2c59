package dev.brio.extender;

/** Hears what the extender did with each component, for the log and the event log. */
interface DeployListener {
  void deployed(String name, ComponentManifest manifest, String file);

  void removed(String name, String target);

  void refused(String name, String file, DeployException problem);
}
