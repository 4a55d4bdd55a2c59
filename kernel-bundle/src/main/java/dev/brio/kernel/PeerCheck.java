package dev.brio.kernel;

import java.io.IOException;
import java.nio.channels.SocketChannel;
import java.nio.file.attribute.UserPrincipal;
import java.util.Objects;
import java.util.Optional;
import jdk.net.ExtendedSocketOptions;
import jdk.net.UnixDomainPrincipal;

/**
 * Who may talk to the control socket: the user the kernel runs as, and nobody else. The socket file
 * is already owner-only; asking the kernel for the peer's credentials ({@code SO_PEERCRED}) also
 * holds when the file's mode was widened by hand or a directory above it was shared.
 */
final class PeerCheck {
  private final UserPrincipal owner;

  PeerCheck(UserPrincipal owner) {
    this.owner = Objects.requireNonNull(owner, "owner");
  }

  /** The verdict on one connection: empty when the peer may proceed, else why not. */
  Optional<String> refusal(SocketChannel client) {
    UserPrincipal peer;
    try {
      UnixDomainPrincipal credentials = client.getOption(ExtendedSocketOptions.SO_PEERCRED);
      peer = credentials.user();
    } catch (IOException | UnsupportedOperationException e) {
      return Optional.of("the peer's credentials cannot be read: " + e.getMessage());
    }
    if (peer.equals(owner)) {
      return Optional.empty();
    }
    return Optional.of(
        "user '%s' may not control a kernel run by '%s'"
            .formatted(peer.getName(), owner.getName()));
  }
}
