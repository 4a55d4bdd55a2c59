package dev.brio.extender;

import dev.brio.extender.roles.Role;
import java.time.Duration;
import java.util.Set;

/**
 * What {@code NAME.json} says about {@code NAME.wasm}: the role it is loaded in, the mesh target it
 * becomes, the targets it may call (deny by default), how many instances serve it (tools only), the
 * longest a call to it may take, and how many calls may wait in each instance's mailbox.
 */
public record ComponentManifest(
    Role role, String target, Set<String> grants, int pool, Duration timeout, int mailbox) {

  public ComponentManifest {
    grants = Set.copyOf(grants);
  }
}
