package dev.brio.extender.roles;

import java.util.Locale;

/** The role a component is loaded in, each with its world in {@code wit/worlds.wit}. */
public enum Role {
  TOOL,
  AGENT,
  SUPERVISOR;

  /** The world's name in WIT. */
  public String worldName() {
    return name().toLowerCase(Locale.ROOT);
  }
}
