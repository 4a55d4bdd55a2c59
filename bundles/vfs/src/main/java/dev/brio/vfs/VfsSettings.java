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
 * @param openMaxAge how long after its begin an open session is aborted by the periodic cleanup, so
 *     that one its agent forgot does not hold its copy forever; {@link Duration#ZERO} means never
 */
public record VfsSettings(
    List<Path> allowedRoots,
    Path sessionsRoot,
    Duration retention,
    Optional<String> gitBranch,
    SessionLedger ledger,
    Duration openMaxAge) {

  /** What {@link #of} and the configuration default to: a week. */
  public static final Duration DEFAULT_OPEN_MAX_AGE = Duration.ofDays(7);

  public VfsSettings {
    allowedRoots = List.copyOf(allowedRoots);
    Objects.requireNonNull(sessionsRoot, "sessionsRoot");
    Objects.requireNonNull(retention, "retention");
    Objects.requireNonNull(gitBranch, "gitBranch");
    Objects.requireNonNull(ledger, "ledger");
    Objects.requireNonNull(openMaxAge, "openMaxAge");
    if (retention.isNegative()) {
      throw new IllegalArgumentException("negative retention " + retention);
    }
    if (openMaxAge.isNegative()) {
      throw new IllegalArgumentException("negative maximum age of open sessions " + openMaxAge);
    }
  }

  /** {@code <java.io.tmpdir>/brio/sessions}. */
  public static Path defaultSessionsRoot() {
    return Path.of(System.getProperty("java.io.tmpdir"), "brio", "sessions");
  }

  public static VfsSettings of(List<Path> allowedRoots, Path sessionsRoot, SessionLedger ledger) {
    return new VfsSettings(
        allowedRoots,
        sessionsRoot,
        Duration.ofHours(24),
        Optional.empty(),
        ledger,
        DEFAULT_OPEN_MAX_AGE);
  }

  public VfsSettings withRetention(Duration newRetention) {
    return new VfsSettings(allowedRoots, sessionsRoot, newRetention, gitBranch, ledger, openMaxAge);
  }

  public VfsSettings withGitBranch(String branch) {
    return new VfsSettings(
        allowedRoots, sessionsRoot, retention, Optional.of(branch), ledger, openMaxAge);
  }

  /** {@link Duration#ZERO} for never. */
  public VfsSettings withOpenMaxAge(Duration newOpenMaxAge) {
    return new VfsSettings(allowedRoots, sessionsRoot, retention, gitBranch, ledger, newOpenMaxAge);
  }
}
