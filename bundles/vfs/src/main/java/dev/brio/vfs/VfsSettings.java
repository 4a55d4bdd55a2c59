package dev.brio.vfs;

import dev.brio.api.session.SessionLedger;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * How workspace sessions are set up.
 *
 * @param allowedRoots project roots a base must lie in (after resolving symlinks and {@code ..});
 *     none means every base is refused
 * @param sessionsRoot where session directories (and, while a commit runs, its journal) live
 * @param retention how long a committed or aborted session stays on disk
 * @param gitBranch when present and the base is a git work tree, each commit is also recorded as a
 *     git commit on this branch
 * @param ledger where each session's record and base snapshot are kept ({@code brio.db})
 */
public record VfsSettings(
    List<Path> allowedRoots,
    Path sessionsRoot,
    Duration retention,
    Optional<String> gitBranch,
    SessionLedger ledger) {

  public VfsSettings {
    allowedRoots = List.copyOf(allowedRoots);
    Objects.requireNonNull(sessionsRoot, "sessionsRoot");
    Objects.requireNonNull(retention, "retention");
    Objects.requireNonNull(gitBranch, "gitBranch");
    Objects.requireNonNull(ledger, "ledger");
    if (retention.isNegative()) {
      throw new IllegalArgumentException("negative retention " + retention);
    }
  }

  /** {@code <java.io.tmpdir>/brio/sessions}. */
  public static Path defaultSessionsRoot() {
    return Path.of(System.getProperty("java.io.tmpdir"), "brio", "sessions");
  }

  public static VfsSettings of(List<Path> allowedRoots, Path sessionsRoot, SessionLedger ledger) {
    return new VfsSettings(
        allowedRoots, sessionsRoot, Duration.ofHours(24), Optional.empty(), ledger);
  }

  public VfsSettings withRetention(Duration newRetention) {
    return new VfsSettings(allowedRoots, sessionsRoot, newRetention, gitBranch, ledger);
  }

  public VfsSettings withGitBranch(String branch) {
    return new VfsSettings(allowedRoots, sessionsRoot, retention, Optional.of(branch), ledger);
  }
}
