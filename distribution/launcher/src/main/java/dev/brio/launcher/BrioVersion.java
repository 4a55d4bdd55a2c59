package dev.brio.launcher;

import picocli.CommandLine.IVersionProvider;

/** The version in the launcher jar's manifest (absent when run from classes, as in tests). */
final class BrioVersion implements IVersionProvider {
  @Override
  public String[] getVersion() {
    String version = Brio.class.getPackage().getImplementationVersion();
    return new String[] {"brio " + (version == null ? "(development build)" : version)};
  }
}
