package dev.brio.extender;

import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * Which workspace sessions each agent began, by component name, for as long as the deployer runs: a
 * new version of an agent (or the same one deployed again after it was removed) can still list,
 * commit and abort the sessions its earlier version left open, instead of leaving them unreachable
 * on disk. The name is the agent's identity here: whatever is deployed under it inherits them.
 *
 * <p>Held in memory only: after a restart of the kernel no agent reaches the sessions begun before
 * it (the ledger does not record who began a session).
 */
final class SessionOwners {
  private final Map<String, Set<String>> began = new HashMap<>(); // guarded by this

  /**
   * The live set of session ids agent {@code name} began, shared by every version of it (two
   * versions overlap while one replaces the other, hence a synchronized set).
   */
  synchronized Set<String> of(String name) {
    return began.computeIfAbsent(name, n -> Collections.synchronizedSet(new LinkedHashSet<>()));
  }
}
